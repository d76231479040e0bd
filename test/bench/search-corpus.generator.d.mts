// Types of search-corpus.generator.mjs for the TypeScript test that uses it (test/integration/search-relevance.suite.ts).

export interface RelevanceCase {
  id: string;
  lang: 'zh' | 'en';
  kind: 'phrase' | 'code' | 'email' | 'phone' | 'name';
  topic: string;
  where: 'message' | 'subject' | 'description' | 'internal' | 'customer';
  text?: string;
  customer?: { name: string; email: string; phone: string | null };
  query: string | ((ticket: { code: string }) => string);
}

export interface PlantedTicket {
  case: RelevanceCase;
  ticketId: string;
  code: string;
  query: string;
}

export interface CorpusTicket {
  id: string;
  code: string;
  subject: string;
  description: string;
  teamId: string;
  customerId: string;
  status: string;
}

export interface CorpusMessage {
  id: string;
  ticketId: string;
  body: string;
  visibility: 'public' | 'internal';
}

export interface CorpusCustomer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
}

export const SEARCH_CORPUS_VERSION: number;
export const RELEVANCE_CASES: RelevanceCase[];
export function ticketCode(index: number): string;

export class SearchCorpus {
  constructor(options: { seed: number; tickets: number; messages: number; teams: Array<{ id: string; agents: Array<{ id: string; name: string }> }>; nowMs: number });
  readonly ticketCount: number;
  readonly customerList: CorpusCustomer[];
  /** Filled while batches() runs. */
  relevance: PlantedTicket[];
  customers(size?: number): Generator<CorpusCustomer[]>;
  batches(size?: number): Generator<{ tickets: CorpusTicket[]; events: unknown[]; messages: CorpusMessage[] }>;
}
