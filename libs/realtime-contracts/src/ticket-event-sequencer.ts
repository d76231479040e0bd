/**
 * Client-side ordering for one ticket's stream: live events and catch-up answers may overlap or
 * arrive out of order. Delivers each seq once, in order, and holds later ones until the gap fills.
 */
export class TicketEventSequencer<E extends { seq: number }> {
  private readonly held = new Map<number, E>();

  constructor(private lastSeq: number, private readonly deliver: (event: E) => void) {}

  get last(): number {
    return this.lastSeq;
  }

  /** True while events after `last` are held back waiting for a missing seq. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  accept(events: E | E[]): void {
    for (const event of Array.isArray(events) ? events : [events]) {
      if (event.seq > this.lastSeq) this.held.set(event.seq, event);
    }
    let next = this.held.get(this.lastSeq + 1);
    while (next) {
      this.held.delete(next.seq);
      this.lastSeq = next.seq;
      this.deliver(next);
      next = this.held.get(this.lastSeq + 1);
    }
  }

  /** After a snapshot the earlier history is moot: continue from its seq. */
  resetTo(seq: number): void {
    this.lastSeq = seq;
    for (const key of this.held.keys()) if (key <= seq) this.held.delete(key);
    this.accept([]);
  }
}
