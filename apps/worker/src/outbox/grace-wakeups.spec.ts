import { jest } from '@jest/globals';
import { GraceWakeups } from './grace-wakeups.js';

describe('GraceWakeups', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('wakes once, a delay after a lone notice', () => {
    const woken: number[] = [];
    const wakeups = new GraceWakeups(100, () => woken.push(Date.now()));
    wakeups.notice();
    jest.advanceTimersByTime(99);
    expect(woken).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(woken).toEqual([100]);
    jest.advanceTimersByTime(1000);
    expect(woken).toEqual([100]);
  });

  it('under a notice every 5 ms wakes about once a delay, and every notice is followed by a wake-up at or after its own delay', () => {
    const woken: number[] = [];
    const wakeups = new GraceWakeups(100, () => woken.push(Date.now()));
    const noticed: number[] = [];
    for (let t = 0; t < 1000; t += 5) {
      jest.setSystemTime(t);
      wakeups.notice();
      noticed.push(t);
      jest.advanceTimersByTime(5);
    }
    jest.advanceTimersByTime(500);
    expect(woken.length).toBeGreaterThanOrEqual(5);
    expect(woken.length).toBeLessThanOrEqual(12); // 200 notices over 1,000 ms, a delay of 100: about one wake-up a delay
    for (const t of noticed) expect(woken.some((w) => w >= t + 100 && w <= t + 200)).toBe(true);
  });

  it('stops: nothing pending wakes afterwards', () => {
    const wake = jest.fn();
    const wakeups = new GraceWakeups(100, wake);
    wakeups.notice();
    jest.advanceTimersByTime(50);
    wakeups.notice();
    wakeups.stop();
    jest.advanceTimersByTime(1000);
    expect(wake).not.toHaveBeenCalled();
  });
});
