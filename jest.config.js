/**
 * `npm test`: the unit and handler suites, run in Node against the embedded store.
 *
 * One entry per project so that a browser-side project (e.g. "app" on jsdom for the
 * Taro pages) can be added beside "node" later without touching it. End-to-end tests
 * (test/e2e/) have their own config, jest.e2e.config.js, and are never run here.
 *
 * ts-jest only transpiles: tsconfig.json sets `isolatedModules`, which makes ts-jest
 * use transpileModule (no type information, fast). Types are checked by
 * `npm run typecheck`, which includes test/.
 */
/** @type {import('ts-jest').TsJestTransformerOptions} */
const tsJest = { tsconfig: '<rootDir>/tsconfig.json' };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'node',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/e2e/ runs under jest.e2e.config.js; test/app/ is kept for a future jsdom project.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/app/'],
      transform: { '^.+\\.tsx?$': ['ts-jest', tsJest] },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
      // Never pick up a stale build's copies of the sources.
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
    },
    // A future "app" project (testEnvironment 'jsdom', testMatch test/app/**) goes here.
  ],
};
