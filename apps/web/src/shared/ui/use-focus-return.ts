import { useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

/** How long a move waits for its target to be shown (the render after a save); then it is dropped, never late. */
const WAIT_MS = 2000;
/** How long focus given back to an opener is watched: the list that holds it may reload and drop it (a reassigned ticket leaves "unclaimed"). */
const KEEP_MS = 10_000;

type Target = () => HTMLElement | null | undefined;

export interface FocusReturn {
  /** A form, panel or confirmation opens: remember the control that opened it (the focused one unless given). */
  opened(opener?: Element | null): void;
  /**
   * It closed: focus goes back to that control, or to `fallback` when the control is gone or
   * disabled (a deleted row's button), or leaves the page soon after while holding focus.
   */
  back(fallback?: Target): void;
  /** Focus what `target` finds once the page shows it: the status message after a save, the saved item, a neighbour. */
  moveTo(target: Target): void;
}

/** Focuses an element, first letting a script focus it when it is not focusable itself (a message, a heading, a row). */
export function focusElement(element: HTMLElement): void {
  if (element.tabIndex < 0 && !element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

const usable = (element: Element | null): element is HTMLElement => element instanceof HTMLElement && element !== document.body && element.isConnected && !element.matches(':disabled');

/**
 * Keeps keyboard focus on something meaningful when what held it leaves the page (a form replaced
 * by its outcome, a deleted row, a closed panel). Left alone, focus falls to <body> and a keyboard
 * or screen-reader user starts again from the top of the page.
 */
export function useFocusReturn(): FocusReturn {
  const opener = useRef<HTMLElement | null>(null);
  const pending = useRef<{ target: Target; until: number; fallback?: Target } | null>(null);
  const kept = useRef<{ element: HTMLElement; fallback: Target; until: number } | null>(null);
  const [, rerender] = useState(0);

  // After every render of the caller: the target may be shown by this render or a later one.
  useLayoutEffect(() => {
    const keep = kept.current;
    if (keep && Date.now() > keep.until) kept.current = null;
    else if (keep && !keep.element.isConnected && !usable(document.activeElement)) {
      kept.current = null;
      const fallback = keep.fallback();
      if (fallback) focusElement(fallback);
    }
    const move = pending.current;
    if (!move) return;
    if (Date.now() > move.until) {
      pending.current = null;
      return;
    }
    const element = move.target();
    if (!element) return;
    pending.current = null;
    focusElement(element);
    if (move.fallback) kept.current = { element, fallback: move.fallback, until: Date.now() + KEEP_MS };
  });

  return useMemo(() => {
    const moveTo = (target: Target, fallback?: Target) => {
      pending.current = { target, until: Date.now() + WAIT_MS, fallback };
      kept.current = null;
      rerender((n) => n + 1);
    };
    return {
      opened: (element = document.activeElement) => void (opener.current = element instanceof HTMLElement ? element : null),
      back: (fallback) => {
        const from = opener.current;
        moveTo(() => (usable(from) ? from : fallback?.()), fallback);
      },
      moveTo: (target) => moveTo(target),
    };
  }, []);
}

/** A form or panel opened in place takes focus to its first field, so the keyboard need not travel to it. */
export function useFocusFirstField(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    container.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  }, [container]);
}

/** A field the user is typing in: focus is never taken away from one. */
export const typingIn = (element: Element | null): boolean => element instanceof HTMLElement && (element.isContentEditable || element.matches('input, textarea, select'));

/**
 * A page opened in place (a ticket chosen from a list) takes focus to its heading once it shows, as
 * a page load would start there: a screen reader reads it from the top, and Tab goes on from it.
 */
export function useFocusHeadingOnShow(heading: RefObject<HTMLElement | null>, shown: boolean): void {
  const done = useRef(false);
  useLayoutEffect(() => {
    if (done.current || !shown || !heading.current) return;
    done.current = true;
    if (!typingIn(document.activeElement)) focusElement(heading.current);
  });
}
