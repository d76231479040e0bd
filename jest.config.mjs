/** One Jest run for every tier: pure unit tests beside the code, integration and cross-process suites in test/. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@firsthand/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/bench/'],
  testSequencer: '<rootDir>/test/support/bundles-first-sequencer.cjs',
  testTimeout: 60_000,
  // Three on two cores: the long suites mostly wait (SLA timers, processes starting, sockets), and a
  // third suite fills the cores they leave idle (docs/testing.md, "How long it takes").
  maxWorkers: 3,
};
