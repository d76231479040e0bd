import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboundMailItem, InboundMailPage, MailTakeInAnswer } from '@firsthand/http-contracts';
import { ApiProblem } from '../shared/api/http.js';
import { problemText } from '../shared/api/problem-text.js';
import { useI18n } from '../shared/i18n/i18n.js';
import type { AgentApi } from '../shared/session/agent-session.js';

const PAGE = 20;
/** After "Take in", the mail is looked at again this often, this many times, until its ticket appears or the worker refuses it. */
const FOLLOW_MS = 1500;
const FOLLOW_TIMES = 40;

/** Why the worker refused a take-in: a kind the panel words in the reader's language. */
export type TakeInRefusal = NonNullable<NonNullable<InboundMailItem['takeIn']>['refusedReason']>;

/** What became of a "Take in" asked on this page. */
export type TakeInProgress =
  | { state: 'requested' }
  | { state: 'slow' }
  | { state: 'taken'; ticketId: string }
  | { state: 'refused'; reason: TakeInRefusal | null }
  | { state: 'gave_up' }
  | { state: 'failed'; error: unknown };

/** Quarantined and ignored mails, newest first, a page at a time (`more()` follows nextCursor); `takeIn(id)` asks for a held one to be taken in and follows it. */
export function useUnticketedMails(api: AgentApi) {
  const [items, setItems] = useState<InboundMailItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [progress, setProgress] = useState<Record<string, TakeInProgress>>({});
  const { t } = useI18n();
  // The refusal itself, worded in the reader's language when read (a language switch rewords it).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  // A look that was under way when the page closed must not arm another.
  const mounted = useRef(true);

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

  useEffect(() => {
    mounted.current = true;
    const pending = timers.current;
    return () => {
      mounted.current = false;
      pending.forEach(clearTimeout);
      pending.clear();
    };
  }, []);

  const follow = useCallback(
    (id: string, left: number, afterMs = FOLLOW_MS) => {
      if (!mounted.current) return;
      const timer = setTimeout(async () => {
        timers.current.delete(timer);
        try {
          const mail = await api.get<InboundMailItem>(`/api/inbound-mails/${id}`);
          if (!mounted.current) return;
          setItems((list) => list.map((m) => (m.id === id ? mail : m)));
          if (mail.ticketId) return setProgress((p) => ({ ...p, [id]: { state: 'taken', ticketId: mail.ticketId! } }));
          if (mail.takeIn?.state === 'refused') return setProgress((p) => ({ ...p, [id]: { state: 'refused', reason: mail.takeIn?.refusedReason ?? null } }));
          if (mail.takeIn?.state === 'gave_up') return setProgress((p) => ({ ...p, [id]: { state: 'gave_up' } }));
        } catch {
          // Looked at again on the next turn.
        }
        if (!mounted.current) return;
        if (left > 1) follow(id, left - 1);
        else setProgress((p) => ({ ...p, [id]: { state: 'slow' } }));
      }, afterMs);
      timers.current.add(timer);
    },
    [api],
  );

  const takeIn = useCallback(
    async (id: string) => {
      setProgress((p) => ({ ...p, [id]: { state: 'requested' } }));
      try {
        await api.post<MailTakeInAnswer>(`/api/inbound-mails/${id}/take-in`);
        follow(id, FOLLOW_TIMES);
      } catch (error) {
        // Someone else asked first (another tab, another supervisor): follow theirs to its ticket.
        if (error instanceof ApiProblem && (error.code === 'mail-take-in-under-way' || error.code === 'mail-already-ticketed')) return follow(id, FOLLOW_TIMES, 0);
        if (mounted.current) setProgress((p) => ({ ...p, [id]: { state: 'failed', error } }));
      }
    },
    [api, follow],
  );

  return { items, state, error: failure && problemText(failure.error, t), hasMore: cursor !== null, more: () => void load(cursor), progress, takeIn };
}
