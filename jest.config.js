/** Jest runs every tier: unit tests beside the code, integration tests against local services, e2e in test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The type check (tsconfig.json, bundler resolution) runs before jest; here each file is only transpiled, to
  // CommonJS, so that the lazy `await import()` of SDKs stays loadable under jest's module system. openid-client and
  // its two dependencies ship as ES modules only: jest transpiles them to CommonJS too (the app itself, under tsx,
  // imports them as they are).
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false, tsconfig: { module: 'commonjs', moduleResolution: 'node10' } }],
    '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { module: 'commonjs', allowJs: true, moduleResolution: 'node10' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'],
  testTimeout: 60000,
  maxWorkers: 2,
};
