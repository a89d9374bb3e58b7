/**
 * `npm run test:e2e`: the product as a user gets it, driven in Chromium.
 *
 * globalSetup builds the H5 app if there is no build yet, then starts `npm start`'s
 * script (scripts/start.ts) on a free port with a fresh DATA_DIR, so the demo district
 * is seeded exactly as on a first launch. Tests read the address from E2E_URL.
 * globalTeardown stops it. Screenshots go to test-results/screens/.
 *
 * ts-jest only transpiles (tsconfig.json sets `isolatedModules`); `npm run typecheck`
 * checks test/e2e like everything else.
 */
/** @type {import('ts-jest').TsJestTransformerOptions} */
const tsJest = { tsconfig: '<rootDir>/tsconfig.json' };

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', tsJest] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  testTimeout: 60_000,
  slowTestThreshold: 30,
  // Never pick up a stale build's copies of the sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
