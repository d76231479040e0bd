import { TicketEventSequencer } from './ticket-event-sequencer.js';

const ev = (seq: number) => ({ seq });

describe('TicketEventSequencer', () => {
  it('delivers in order, once, holding events after a gap until it fills', () => {
    const delivered: number[] = [];
    const s = new TicketEventSequencer(2, (e) => delivered.push(e.seq));
    s.accept([ev(4), ev(5)]);
    expect(delivered).toEqual([]);
    expect(s.hasGap).toBe(true);
    s.accept(ev(3));
    expect(delivered).toEqual([3, 4, 5]);
    s.accept([ev(4), ev(5), ev(2), ev(1)]);
    expect(delivered).toEqual([3, 4, 5]);
    expect(s.last).toBe(5);
    expect(s.hasGap).toBe(false);
  });

  it('a snapshot moves the stream forward and releases what follows it', () => {
    const delivered: number[] = [];
    const s = new TicketEventSequencer(0, (e) => delivered.push(e.seq));
    s.accept([ev(231), ev(232)]);
    s.resetTo(230);
    expect(delivered).toEqual([231, 232]);
  });
});
