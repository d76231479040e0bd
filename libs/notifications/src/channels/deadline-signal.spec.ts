import { jest } from '@jest/globals';
import { withDeadline } from './deadline-signal.js';

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives the work a signal that aborts with a TimeoutError once the time is up', async () => {
    let seen: AbortSignal | undefined;
    const pending = withDeadline(1000, (signal) => {
      seen = signal;
      return new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    });
    const outcome = pending.catch((error: DOMException) => error);
    jest.advanceTimersByTime(999);
    expect(seen?.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(seen?.aborted).toBe(true);
    expect(((await outcome) as DOMException).name).toBe('TimeoutError');
  });

  it('clears its timer as soon as the work settles, so nothing fires afterwards', async () => {
    let seen: AbortSignal | undefined;
    await expect(withDeadline(1000, async (signal) => ((seen = signal), 'sent'))).resolves.toBe('sent');
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5000);
    expect(seen?.aborted).toBe(false);
    await expect(withDeadline(1000, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(jest.getTimerCount()).toBe(0);
  });
});
