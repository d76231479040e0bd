// Jest's own order (slowest first by the timing cache; by file size without one), with the long
// tiers moved to the front when there is no timing cache, as in a fresh clone: the integration
// bundles (the smallest files but among the longest runs), then the e2e and browser suites (seconds
// of process start-up each, and real-time waits). By size alone, short e2e files such as
// worker-business-time (70 s for one test) started after large unit specs and ended the run alone
// on one worker; the many short unit files now fill the end instead.
const Sequencer = require('@jest/test-sequencer').default;

const TIERS = [(path) => path.includes('/test/integration/bundles/'), (path) => path.includes('/test/e2e/') || path.includes('/test/browser/'), () => true];

class BundlesFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const timed = sorted.some((test) => test.duration != null);
    const tierOf = (test) => (timed && !TIERS[0](test.path) ? TIERS.length - 1 : TIERS.findIndex((inTier) => inTier(test.path)));
    // A stable sort by tier keeps Jest's order inside each tier.
    return sorted.map((test, i) => ({ test, i, tier: tierOf(test) })).sort((a, b) => a.tier - b.tier || a.i - b.i).map(({ test }) => test);
  }
}

module.exports = BundlesFirstSequencer;
