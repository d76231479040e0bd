import { Injectable } from '@nestjs/common';
import type { ActingAgent } from '@firsthand/domain';
import type { SearchHit, SearchPage } from '@firsthand/http-contracts';
import { TicketSearchReader, type TicketSearchCursor } from '@firsthand/persistence';
import { highlightsOf } from './search-highlights.js';
import { encodeSearchCursor, type SearchRequest } from './search-request.js';

const MATCH: Record<number, SearchHit['match']> = { 3: 'code', 2: 'contact', 1: 'partial', 0: 'words' };

/** One page of the agent's search, each hit with its highlighted fragments. */
@Injectable()
export class SearchTickets {
  constructor(private readonly reader: TicketSearchReader) {}

  async execute(agent: ActingAgent, request: SearchRequest, limit: number, cursor?: TicketSearchCursor): Promise<SearchPage> {
    const { hits, next } = await this.reader.search(agent, request.filter, request.sort, limit, cursor);
    const terms = request.parsed?.highlightTerms ?? [];
    const messages = await this.reader.matchingMessages(hits.map((h) => h.ticket.id), terms);
    const byTicket = new Map(messages.map((m) => [m.ticketId, m]));
    return {
      items: hits.map((hit) => ({
        ticket: hit.ticket,
        match: request.raw ? MATCH[hit.exact] ?? 'words' : 'filter',
        highlights: highlightsOf(hit, terms, request.raw, byTicket.get(hit.ticket.id)),
      })),
      nextCursor: encodeSearchCursor(request.sort, next),
    };
  }
}
