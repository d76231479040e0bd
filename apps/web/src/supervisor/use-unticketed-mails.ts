import { useCallback, useEffect, useState } from 'react';
import type { InboundMailItem, InboundMailPage } from '@firsthand/http-contracts';
import type { AgentApi } from '../shared/session/agent-session.js';

const PAGE = 20;

/** Quarantined and ignored mails, newest first, a page at a time (`more()` follows nextCursor). */
export function useUnticketedMails(api: AgentApi) {
  const [items, setItems] = useState<InboundMailItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setState('loading');
      try {
        const query = `outcome=quarantined,ignored&limit=${PAGE}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
        const page = await api.get<InboundMailPage>(`/api/inbound-mails?${query}`);
        setItems((list) => (after ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState('ready');
      } catch (e) {
        setError((e as Error).message);
        setState('error');
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, state, error, hasMore: cursor !== null, more: () => void load(cursor) };
}
