import type { Locator, Page } from 'playwright-core';

type Named = { tagName: string; textContent: string | null; getAttribute(name: string): string | null };
type Doc = { document: { activeElement: unknown } };

/** An element in words a failure can be read by: `BUTTON "Unlock Chen Jie"`, `BODY`. Runs in the page, so self-contained. */
const described = (el: unknown): string => {
  const named = el as Named | null;
  const name = named && named.tagName !== 'BODY' ? (named.getAttribute('aria-label') ?? named.textContent ?? '').trim().slice(0, 80) : '';
  return named ? `${named.tagName}${name ? ` "${name}"` : ''}` : 'nothing';
};

/** Waits until `target` holds the keyboard focus (moved after a save or a close); fails naming what has it instead. */
export async function expectFocused(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  const holds = () => target.evaluate((el) => el === (globalThis as unknown as Doc).document.activeElement).catch(() => false);
  const deadline = Date.now() + 5000;
  while (!(await holds())) {
    if (Date.now() > deadline) {
      const focused = await page.evaluateHandle(() => (globalThis as unknown as Doc).document.activeElement);
      expect(await focused.evaluate(described)).toBe(await target.evaluate(described));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

