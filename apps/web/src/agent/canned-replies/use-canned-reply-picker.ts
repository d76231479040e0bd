import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CannedReplyView } from '@firsthand/http-contracts';
import { isAbort } from '../../shared/api/http.js';
import { problemText } from '../../shared/api/problem-text.js';
import { useI18n } from '../../shared/i18n/i18n.js';
import { useAgentApi } from '../../shared/session/agent-session.js';
import { cannedRepliesApi } from './canned-replies-api.js';
import { insertAtTrigger, slashTriggerAt, type SlashTrigger } from './slash-trigger.js';

const SHOWN = 8;
const SEARCH_DELAY_MS = 120;

interface PickerOptions {
  ticketId: string;
  area: RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText(text: string): void;
}

/**
 * `/word` in the composer: a list of canned replies filtered as the agent types, arrow keys and
 * Enter (or a click) to pick; the reply filled for this ticket replaces the `/word` at the caret.
 */
export function useCannedReplyPicker({ ticketId, area, text, setText }: PickerOptions) {
  const { locale, t } = useI18n();
  const token = useAgentApi().token;
  const api = useMemo(() => cannedRepliesApi(token), [token]);
  const listId = useId();
  const [trigger, setTrigger] = useState<SlashTrigger | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [items, setItems] = useState<CannedReplyView[]>([]);
  const [active, setActive] = useState(0);
  // The refusal itself, worded in the reader's language when read.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [searching, setSearching] = useState(false);
  const inserting = useRef(false);
  /** Where the caret goes once the inserted text is in the box (see the layout effect below). */
  const caretAfterInsert = useRef<number | null>(null);

  const open = trigger !== null && trigger.start !== dismissedAt;

  /** Re-reads the `/word` at the caret after every input, click or caret move. */
  const track = useCallback(() => {
    const el = area.current;
    if (!el || inserting.current) return;
    const next = el.selectionStart === el.selectionEnd ? slashTriggerAt(el.value, el.selectionStart) : null;
    setTrigger((prev) => (prev?.start === next?.start && prev?.query === next?.query ? prev : next));
    if (!next) setDismissedAt(null);
  }, [area]);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setSearching(true);
    const timer = window.setTimeout(() => {
      api
        .search({ q: trigger.query || undefined, lang: locale, limit: SHOWN }, controller.signal)
        .then((list) => {
          setItems(list.items);
          setActive(0);
          setFailure(null);
          setSearching(false);
        })
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          setFailure({ error });
          setSearching(false);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, open, trigger?.query, locale]);

  const pick = useCallback(
    async (reply: CannedReplyView) => {
      const el = area.current;
      if (!el || !trigger) return;
      const caret = el.selectionStart;
      const at = trigger;
      inserting.current = true;
      try {
        const used = await api.use(reply.id, ticketId);
        const next = insertAtTrigger(el.value, at, caret, used.text);
        caretAfterInsert.current = next.caret;
        setText(next.text);
        setTrigger(null);
      } catch (error) {
        setFailure({ error });
      } finally {
        inserting.current = false;
      }
    },
    [api, area, setText, ticketId, trigger],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (!open || items.length === 0) {
        if (open && event.key === 'Escape') setDismissedAt(trigger.start);
        return;
      }
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + items.length) % items.length);
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        void pick(items[Math.min(active, items.length - 1)]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(trigger.start);
      }
    },
    [active, items, open, pick, trigger],
  );

  // Right after React has written the inserted text, before the next key is handled: the caret goes
  // after it (a frame later, keys typed meanwhile landed at the end and the caret then jumped back).
  useLayoutEffect(() => {
    const el = area.current;
    const caret = caretAfterInsert.current;
    if (!el || caret === null) return;
    caretAfterInsert.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  }, [area, text]);

  // The text changed from outside (sent, cleared): the `/word` may be gone.
  useEffect(() => track(), [text, track]);

  const optionId = (index: number) => `${listId}-option-${index}`;
  const shown = open ? items : [];
  /** For the textarea: it stays a text box; the list is announced as its suggestions. */
  const textareaProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': shown.length > 0 ? listId : undefined,
    'aria-activedescendant': shown.length > 0 ? optionId(Math.min(active, shown.length - 1)) : undefined,
  };
  return { open, searching, query: trigger?.query ?? '', items: shown, active, failed: open && failure ? problemText(failure.error, t) : null, listId, optionId, textareaProps, setActive, pick, onKeyDown, track };
}

export type CannedReplyPicker = ReturnType<typeof useCannedReplyPicker>;
