import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';

/**
 * How far the page is wider than the window, and which elements stick out past its right edge (for
 * the failure message); elements inside `scrollBoxes` (a table's own scroll box) may.
 */
export const overflow = (page: Page, width: number, scrollBoxes: string | null = null): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> =>
  page.evaluate(`(() => {
    const boxes = ${JSON.stringify(scrollBoxes)};
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > ${width} + 0.5 && !(boxes && el.closest(boxes)))
      .slice(0, 8)
      .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
  })()`);

/** A phone browser zooms out to show a page wider than the screen, so the window must also stay the screen's width. */
export const expectNoSidewaysScroll = async (page: Page, width: number, scrollBoxes: string | null = null) => {
  const seen = await overflow(page, width, scrollBoxes);
  expect(seen).toEqual({ scrollWidth: expect.any(Number), innerWidth: width, wide: [] });
  expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
};
