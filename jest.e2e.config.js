/**
 * `npm run test:e2e`: the product as a user gets it, driven in Chromium.
 *
 * globalSetup builds the H5 app if there is no build yet, then starts `npm start`'s
 * script (scripts/start.ts) on a free port with a fresh DATA_DIR, so the demo district
 * is seeded exactly as on a first launch. Tests read the address from E2E_URL.
 * globalTeardown stops it. Screenshots go to test-results/screens/.
 *
 * TypeScript as in `npm test`: jest.base.js.
 */
const base = require('./jest.base');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  testTimeout: 60_000,
  slowTestThreshold: 30,
};
