// Jest's own order (slowest first by the timing cache; by file size without one), with the
// integration bundles moved to the front: they are the smallest files but among the longest runs,
// so a fresh clone (no timing cache) would otherwise start them last and end on them.
const Sequencer = require('@jest/test-sequencer').default;

class BundlesFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const isBundle = (test) => test.path.includes('/test/integration/bundles/');
    return [...sorted.filter(isBundle), ...sorted.filter((test) => !isBundle(test))];
  }
}

module.exports = BundlesFirstSequencer;
