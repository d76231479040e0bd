/** Whether the page is shown, and news when that changes: `document` in the browser, a stand-in in specs. */
export interface PageVisibility {
  hidden(): boolean;
  onChange(listener: () => void): () => void;
}

/**
 * Calls `fn` every `everyMs` while the page is shown; not while it is hidden (a background tab costs
 * no requests), and once at once when it is shown again, since what it keeps fresh may be stale by
 * then. Returns the stop.
 */
export function everyWhileVisible(fn: () => void, everyMs: number, page: PageVisibility): () => void {
  let timer: ReturnType<typeof setInterval> | null = null;
  const start = () => {
    timer ??= setInterval(fn, everyMs);
  };
  const pause = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  if (!page.hidden()) start();
  const stopListening = page.onChange(() => {
    if (page.hidden()) pause();
    else if (timer === null) {
      fn();
      start();
    }
  });
  return () => {
    pause();
    stopListening();
  };
}
