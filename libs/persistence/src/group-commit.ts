export interface GroupCommitOptions {
  /** The most items one commit takes. */
  maxBatch: number;
  /** Commits running at once; items arriving meanwhile wait and go together in the next. */
  maxInFlight: number;
  /**
   * A commit beside others in flight starts only with at least this many items waiting (default 1):
   * fewer wait for one to end and go with whatever has come by then, so a second slot is used to
   * share the work of a burst, not to send its items off one by one.
   */
  minBesideOthers?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (reason: unknown) => void;
}

/**
 * Many callers, few commits: an item submitted while the commits in flight are at their limit waits
 * and joins the next batch, so under load one transaction carries many items (as PostgreSQL groups
 * the WAL flushes of concurrent commits), and with nothing in flight an item goes at once, alone,
 * with no timer in its way. `commit` settles each item of its batch on its own. Used by the SLA
 * thresholds (one transaction a batch) and the notifications' sent records (one statement a batch).
 */
export class GroupCommit<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private inFlight = 0;

  constructor(
    private readonly commit: (items: I[]) => Promise<Array<PromiseSettledResult<O>>>,
    private readonly options: GroupCommitOptions,
  ) {
    if (options.maxBatch < 1 || options.maxInFlight < 1) throw new Error('A group commit needs room for one item and one commit');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    const beside = this.options.minBesideOthers ?? 1;
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0 && (this.inFlight === 0 || this.waiting.length >= beside)) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.run(batch);
    }
  }

  private async run(batch: Array<Waiting<I, O>>): Promise<void> {
    try {
      const results = await this.commit(batch.map((w) => w.item));
      batch.forEach((waiting, i) => {
        const result = results[i];
        if (!result) waiting.reject(new Error('The commit returned no result for this item'));
        else if (result.status === 'fulfilled') waiting.resolve(result.value);
        else waiting.reject(result.reason);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      this.inFlight--;
      this.next();
    }
  }
}
