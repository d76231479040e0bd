import { jest } from '@jest/globals';
import { everyWhileVisible, type PageVisibility } from './every-while-visible.js';

/** A page whose visibility the test switches. */
function fakePage(hidden = false): PageVisibility & { show(): void; hide(): void; listeners: number } {
  const listeners = new Set<() => void>();
  const set = (value: boolean) => {
    hidden = value;
    for (const listener of listeners) listener();
  };
  return {
    hidden: () => hidden,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    show: () => set(false),
    hide: () => set(true),
    get listeners() {
      return listeners.size;
    },
  };
}

describe('everyWhileVisible', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('refreshes on its own every interval while the page is shown, with no event to prompt it', () => {
    const refresh = jest.fn();
    const stop = everyWhileVisible(refresh, 30_000, fakePage());
    jest.advanceTimersByTime(29_999);
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(3);
    stop();
    jest.advanceTimersByTime(120_000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('rests while the page is hidden and refreshes at once when it is shown again', () => {
    const refresh = jest.fn();
    const page = fakePage(true);
    const stop = everyWhileVisible(refresh, 30_000, page);
    jest.advanceTimersByTime(90_000);
    expect(refresh).not.toHaveBeenCalled();
    page.show();
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(30_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    page.hide();
    jest.advanceTimersByTime(90_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    page.show();
    page.show(); // a second "shown" while already running starts no second timer
    expect(refresh).toHaveBeenCalledTimes(3);
    jest.advanceTimersByTime(30_000);
    expect(refresh).toHaveBeenCalledTimes(4);
    stop();
    expect(page.listeners).toBe(0);
  });
});
