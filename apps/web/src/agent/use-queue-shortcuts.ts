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

/** A focused control that Enter presses (a button, a link, a tab…): Enter is its own, not the queue's. */
const PRESSABLE = 'a[href], button, summary, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [role="option"], [role="switch"], [role="checkbox"]';
/** Widgets that move their own focus with the arrow keys. */
const ARROW_WIDGETS = '[role="tablist"], [role="menu"], [role="listbox"], [role="radiogroup"], [role="grid"], [role="tree"]';

function keyBelongsElsewhere(key: string, target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.closest) return false;
  // An open dialog keeps every key; the queue row's own link opens itself.
  if (el.closest('dialog[open], [role="dialog"]')) return true;
  if (key === 'Enter') return !!el.closest(PRESSABLE) || !!el.closest('[data-queue-index]');
  if (key === 'ArrowDown' || key === 'ArrowUp') return !!el.closest(ARROW_WIDGETS);
  return false;
}

/**
 * j/↓ next, k/↑ previous, Enter open, c claim, r reply; never while typing, never with a modifier,
 * never inside a dialog, and Enter never on a focused button or link (it presses that instead).
 */
export function useQueueShortcuts({ count, selected, select, open, claim, reply }: QueueShortcuts): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target) || count === 0) return;
      if (keyBelongsElsewhere(event.key, event.target)) return;
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
          open(current);
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
