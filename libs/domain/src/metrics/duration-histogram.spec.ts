import { DURATION_BUCKET_BOUNDS_SECONDS, DurationHistogram } from './duration-histogram.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function histogramOf(...durationsMs: number[]): DurationHistogram {
  return durationsMs.reduce(DurationHistogram.add, DurationHistogram.empty());
}

describe('DurationHistogram', () => {
  it('starts empty, with one bucket per bound plus one for longer durations', () => {
    const h = DurationHistogram.empty();

    expect(h.counts).toHaveLength(DURATION_BUCKET_BOUNDS_SECONDS.length + 1);
    expect(DurationHistogram.total(h)).toBe(0);
    expect(DurationHistogram.percentile(h, 0.5)).toBeNull();
  });

  it('keeps its bounds increasing', () => {
    const increasing = DURATION_BUCKET_BOUNDS_SECONDS.every((b, i) => i === 0 || b > DURATION_BUCKET_BOUNDS_SECONDS[i - 1]);

    expect(increasing).toBe(true);
  });

  it('puts a duration equal to a bound in that bound’s bucket, and one just over it in the next', () => {
    expect(DurationHistogram.percentile(histogramOf(MINUTE), 1)).toBe(60);
    expect(DurationHistogram.percentile(histogramOf(MINUTE + 1), 1)).toBe(120);
  });

  it('counts zero and negative durations (clock skew) in the first bucket', () => {
    expect(DurationHistogram.percentile(histogramOf(0, -5 * SECOND), 1)).toBe(DURATION_BUCKET_BOUNDS_SECONDS[0]);
  });

  it('answers Infinity for a percentile past the last bound', () => {
    const longest = DURATION_BUCKET_BOUNDS_SECONDS[DURATION_BUCKET_BOUNDS_SECONDS.length - 1];

    expect(DurationHistogram.percentile(histogramOf((longest + 1) * SECOND), 0.5)).toBe(Infinity);
  });

  it('answers nearest-rank percentiles as bucket upper bounds', () => {
    // Nine answers within a minute, one after three hours.
    const h = histogramOf(...Array.from({ length: 9 }, () => 45 * SECOND), 3 * 60 * MINUTE);

    expect(DurationHistogram.percentile(h, 0)).toBe(60);
    expect(DurationHistogram.percentile(h, 0.5)).toBe(60);
    expect(DurationHistogram.percentile(h, 0.9)).toBe(60);
    expect(DurationHistogram.percentile(h, 0.91)).toBe(4 * 3600);
    expect(DurationHistogram.percentile(h, 1)).toBe(4 * 3600);
  });

  it('merges bucket by bucket, so a percentile over merged parts equals one over the whole', () => {
    const monday = histogramOf(20 * SECOND, 4 * MINUTE, 50 * MINUTE);
    const tuesday = histogramOf(9 * MINUTE, 26 * 3600 * SECOND);
    const week = histogramOf(20 * SECOND, 4 * MINUTE, 50 * MINUTE, 9 * MINUTE, 26 * 3600 * SECOND);

    expect(DurationHistogram.merge(monday, tuesday)).toEqual(week);
    expect(DurationHistogram.merge(tuesday, monday)).toEqual(week);
    expect(DurationHistogram.merge()).toEqual(DurationHistogram.empty());
    for (const p of [0.5, 0.9, 0.99]) {
      expect(DurationHistogram.percentile(DurationHistogram.merge(monday, tuesday), p)).toBe(DurationHistogram.percentile(week, p));
    }
  });

  it('never changes a histogram it was given', () => {
    const h = histogramOf(MINUTE);
    const before = [...h.counts];

    DurationHistogram.add(h, MINUTE);
    DurationHistogram.merge(h, h);

    expect(h.counts).toEqual(before);
  });

  it('refuses histograms with other buckets, percentiles outside 0..1 and durations that are not numbers', () => {
    const foreign = { counts: [1, 2, 3] };

    expect(() => DurationHistogram.merge(DurationHistogram.empty(), foreign)).toThrow(RangeError);
    expect(() => DurationHistogram.percentile(histogramOf(MINUTE), 1.5)).toThrow(RangeError);
    expect(() => DurationHistogram.percentile(histogramOf(MINUTE), Number.NaN)).toThrow(RangeError);
    expect(() => DurationHistogram.add(DurationHistogram.empty(), Number.NaN)).toThrow(RangeError);
  });

  it('survives a round trip through JSON, as rollups store it', () => {
    const h = histogramOf(MINUTE, 3 * MINUTE);

    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });
});
