/** Calls `fn` once, `ms` after the last request; `cancel` drops a pending call. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return run;
}

/**
 * Runs `fn` at once when idle, and once more `ms` after that if it was asked for meanwhile: the first
 * change shows without delay, a burst costs at most two calls per window.
 */
export function coalesce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const settle = () => {
    if (pending) {
      pending = false;
      fn();
      timer = setTimeout(settle, ms);
    } else timer = null;
  };
  const run = () => {
    if (timer) {
      pending = true;
      return;
    }
    fn();
    timer = setTimeout(settle, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = false;
  };
  return run;
}
