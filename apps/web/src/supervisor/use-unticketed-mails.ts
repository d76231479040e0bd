import { useCallback, useEffect, useState } from 'react';
import type { InboundMailItem, InboundMailPage } from '@firsthand/http-contracts';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';

const PAGE = 20;

/** Quarantined and ignored mails, newest first, a page at a time (`more()` follows nextCursor). */
export function useUnticketedMails(api: AgentApi) {
  const [items, setItems] = useState<InboundMailItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setState('loading');
      try {
        const query = `outcome=quarantined,ignored&limit=${PAGE}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
        const page = await api.get<InboundMailPage>(`/api/inbound-mails?${query}`);
        setItems((list) => (after ? [...list, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState('ready');
      } catch (error) {
        setFailure({ error });
        setState('error');
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return { items, state, error: failure && problemText(failure.error, t), hasMore: cursor !== null, more: () => void load(cursor) };
}
