import { jest } from '@jest/globals';
import { coalesce, debounce } from './debounce.js';

describe('debounce and coalesce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('debounce calls once, after the last request', () => {
    const fn = jest.fn();
    const run = debounce(fn, 150);
    run();
    run();
    jest.advanceTimersByTime(149);
    run();
    jest.advanceTimersByTime(149);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('coalesce calls at once, then once more at the end of a burst', () => {
    const fn = jest.fn();
    const run = coalesce(fn, 150);
    run();
    expect(fn).toHaveBeenCalledTimes(1);
    run();
    run();
    expect(fn).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledTimes(2);
    run();
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
