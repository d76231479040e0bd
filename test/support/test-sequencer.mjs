// Jest's order, except for suites it has no recorded time for (every suite in a fresh clone, as in
// CI): Jest then runs the biggest files first, which put several of the slowest suites (the worker,
// fault and browser suites start processes; they are not the biggest files) near the end, with one
// of the two workers idle while the other finished them. Process-starting tiers go first instead.
import Sequencer from '@jest/test-sequencer';

/** Lower runs earlier: suites that start processes (and wait on real clocks) are the long ones. */
function tier(path) {
  if (/[\\/]test[\\/]e2e[\\/]/.test(path)) return 0;
  if (/[\\/]test[\\/]browser[\\/]/.test(path)) return 1;
  if (/[\\/]test[\\/]integration[\\/]/.test(path)) return 2;
  return 3;
}

export default class SlowTiersFirst extends Sequencer {
  sort(tests) {
    const sizes = new Map();
    const size = (test) => {
      if (!sizes.has(test.path)) sizes.set(test.path, test.context.hasteFS.getSize(test.path) ?? 0);
      return sizes.get(test.path);
    };
    for (const test of tests) test.duration = this.time(test);
    return tests.sort((a, b) => {
      const failedA = this.hasFailed(a);
      const failedB = this.hasFailed(b);
      if (failedA !== failedB) return failedA ? -1 : 1; // what failed last time, first (as Jest does)
      const timedA = a.duration != null;
      const timedB = b.duration != null;
      if (timedA !== timedB) return timedA ? 1 : -1; // a new suite before the timed ones (as Jest does)
      if (timedA) return b.duration - a.duration; // slowest recorded first (as Jest does)
      return tier(a.path) - tier(b.path) || size(b) - size(a);
    });
  }
}
