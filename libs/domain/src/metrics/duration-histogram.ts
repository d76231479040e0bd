const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Upper bounds (inclusive, in seconds) of the duration buckets; one more bucket holds everything
 * longer. Rollups store only the counts, so these bounds are part of the stored format: append a
 * bound at the end if ever needed, never move or remove one, or stored rollups stop merging.
 */
export const DURATION_BUCKET_BOUNDS_SECONDS: readonly number[] = [
  10, 30, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 45 * MINUTE,
  HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY,
];

/**
 * A distribution of durations as counts per fixed bucket: histograms of any two groups or periods
 * add up bucket by bucket, so a percentile over any range comes from merged rollups.
 */
export interface DurationHistogram {
  /** One count per bound, then the count of durations longer than the last bound. */
  readonly counts: readonly number[];
}

function bucketOf(seconds: number): number {
  const index = DURATION_BUCKET_BOUNDS_SECONDS.findIndex((bound) => seconds <= bound);
  return index === -1 ? DURATION_BUCKET_BOUNDS_SECONDS.length : index;
}

function assertSameBuckets(h: DurationHistogram): void {
  if (h.counts.length !== DURATION_BUCKET_BOUNDS_SECONDS.length + 1) {
    throw new RangeError(`A duration histogram has ${DURATION_BUCKET_BOUNDS_SECONDS.length + 1} buckets, got ${h.counts.length}.`);
  }
}

function empty(): DurationHistogram {
  return { counts: new Array<number>(DURATION_BUCKET_BOUNDS_SECONDS.length + 1).fill(0) };
}

/** Adds one duration given in milliseconds; a negative one (clock skew) counts as zero. */
function add(h: DurationHistogram, durationMs: number): DurationHistogram {
  assertSameBuckets(h);
  if (!Number.isFinite(durationMs)) throw new RangeError(`A duration must be a finite number of milliseconds, got ${durationMs}.`);
  const bucket = bucketOf(Math.max(0, durationMs) / 1000);
  return { counts: h.counts.map((n, i) => (i === bucket ? n + 1 : n)) };
}

function merge(...histograms: DurationHistogram[]): DurationHistogram {
  return histograms.reduce((sum, h) => {
    assertSameBuckets(h);
    return { counts: sum.counts.map((n, i) => n + h.counts[i]) };
  }, empty());
}

function total(h: DurationHistogram): number {
  return h.counts.reduce((a, b) => a + b, 0);
}

/**
 * The nearest-rank percentile (`p` from 0 to 1), answered as the upper bound in seconds of the
 * bucket that holds it: "90% were answered within this". `Infinity` when it falls past the last
 * bound; `null` for an empty histogram.
 */
function percentile(h: DurationHistogram, p: number): number | null {
  assertSameBuckets(h);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A percentile is between 0 and 1, got ${p}.`);
  const n = total(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i];
    if (seen >= rank) return i < DURATION_BUCKET_BOUNDS_SECONDS.length ? DURATION_BUCKET_BOUNDS_SECONDS[i] : Infinity;
  }
  return Infinity;
}

/** Values never change: every operation returns a new histogram. */
export const DurationHistogram = { empty, add, merge, total, percentile } as const;
