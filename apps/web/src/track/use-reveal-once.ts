import { useEffect, type RefObject } from 'react';

/**
 * Scrolls to an element and focuses it (or the first input inside it) once, when the page opens
 * from a message's link that asked for it; later renders leave the customer's focus alone.
 */
export function useRevealOnce(target: RefObject<HTMLElement | null>, when: boolean): void {
  useEffect(() => {
    const element = when ? target.current : null;
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    (element instanceof HTMLButtonElement ? element : (element.querySelector('input, button') as HTMLElement | null))?.focus();
  }, []);
}
