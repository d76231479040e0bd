import { useEffect } from 'react';

export interface QueueShortcuts {
  count: number;
  selected: number;
  select(index: number): void;
  open(index: number): void;
  claim(index: number): void;
  reply(index: number): void;
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** j/↓ next, k/↑ previous, Enter open, c claim, r reply; never while typing, never with a modifier. */
export function useQueueShortcuts({ count, selected, select, open, claim, reply }: QueueShortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target) || count === 0) return;
      const current = Math.min(Math.max(selected, 0), count - 1);
      const focusRow = (index: number) => {
        select(index);
        document.querySelector<HTMLElement>(`[data-queue-index="${index}"]`)?.focus();
      };
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          focusRow(selected < 0 ? 0 : Math.min(current + 1, count - 1));
          break;
        case 'k':
        case 'ArrowUp':
          focusRow(Math.max(current - 1, 0));
          break;
        case 'Enter':
          if (!(event.target as HTMLElement | null)?.closest?.('[data-queue-index]')) open(current);
          else return; // the focused link opens itself
          break;
        case 'c':
          claim(current);
          break;
        case 'r':
          reply(current);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [count, selected, select, open, claim, reply]);
}
