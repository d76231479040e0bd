import type { ResolutionWindows } from '../resolution-windows.js';
import { outcomeMovesWith } from './outcome-event-types.js';
import { classifyResolution } from './resolution-outcome.js';
import { ADA, DAY_MS, HOUR_MS, LI, MINUTE_MS, T0, timeline } from './testing/timeline.builder.js';

const WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };
const LONG_AFTER = new Date(T0.getTime() + 60 * DAY_MS);
const classify = (history: ReturnType<ReturnType<typeof timeline>['build']>) => classifyResolution(history, { now: LONG_AFTER, windows: WINDOWS });

describe('a spam close in the metrics', () => {
  it('is no resolution when the ticket was closed as spam without one', () => {
    expect(classify(timeline().after(MINUTE_MS).closedAsSpamBy(ADA).build())).toBeNull();
  });

  it('takes back a first-contact resolution the ticket had before it was closed as spam', () => {
    const resolvedOnce = timeline().after(10 * MINUTE_MS).answeredFirstBy(LI).after(2 * HOUR_MS).resolvedBy(LI);
    expect(classify(resolvedOnce.build())).toMatchObject({ firstContactResolution: true });

    expect(classify(resolvedOnce.after(HOUR_MS).closedAsSpamBy(ADA).build())).toBeNull();
  });

  it('is an event that makes the outcome be judged again, without resolving', () => {
    const spam = timeline().closedAsSpamBy(ADA).build().at(-1)!;
    expect(outcomeMovesWith([spam])).toEqual({ moves: true, resolves: false });
  });

  it('leaves a resolution alone when the ticket was closed the ordinary way', () => {
    const history = timeline().after(10 * MINUTE_MS).answeredFirstBy(LI).after(HOUR_MS).resolvedBy(LI).build();
    const closed = [...history, { ...history.at(-1)!, seq: history.length + 1, payload: { from: 'resolved', to: 'closed' } } as (typeof history)[number]];
    expect(classify(closed)).toMatchObject({ firstContactResolution: true });
  });
});
