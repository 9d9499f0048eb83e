/** Jest runs every tier: unit tests beside the code, integration tests against local services, e2e in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The type check (tsconfig.json, bundler resolution) runs before jest; here each file is only transpiled, to
  // CommonJS, so that the lazy `await import()` of SDKs stays loadable under jest's module system.
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', moduleResolution: 'node10' } }],
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
