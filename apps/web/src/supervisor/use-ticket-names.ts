import { useEffect, useRef, useState } from 'react';
import type { TicketView } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

export interface TicketName {
  code: string;
  subject: string;
}

/**
 * Code and subject of the tickets a live feed names by id only (escalations), each read once
 * (`GET /api/tickets/:id`); `known` seeds it from lists already on screen.
 */
export function useTicketNames(api: AgentApi, ids: readonly string[], known: ReadonlyMap<string, TicketName>): ReadonlyMap<string, TicketName> {
  const [names, setNames] = useState<Map<string, TicketName>>(new Map());
  const asked = useRef(new Set<string>());
  const key = ids.join(',');
  useEffect(() => {
    for (const id of ids) {
      if (known.has(id) || asked.current.has(id)) continue;
      asked.current.add(id);
      api.get<TicketView>(`/api/tickets/${id}`).then(
        (ticket) => setNames((current) => new Map(current).set(id, { code: ticket.code, subject: ticket.subject })),
        () => asked.current.delete(id),
      );
    }
    // ids is read through key: the feed hands a new array on every event.
  }, [api, key, known]);
  return new Map([...names, ...known]);
}
