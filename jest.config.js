/**
 * `npm test`: the unit and handler suites, run in Node against the embedded store.
 *
 * Two projects: "node" (domain, handlers, port, CLIs) and "app" (src/ services and hooks, on
 * jsdom, under test/app/). End-to-end tests (test/e2e/) have their own config,
 * jest.e2e.config.js, and are never run here.
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
      // test/e2e/ runs under jest.e2e.config.js; test/app/ is the "app" project below.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/app/'],
      transform: { '^.+\\.tsx?$': ['ts-jest', tsJest] },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
      // Never pick up a stale build's copies of the sources.
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
    },
    {
      // The app's own code (services, hooks) in a browser-like DOM; Taro and nanoid (ESM only)
      // are stood in for by test/app/support/, so no Taro runtime is needed.
      displayName: 'app',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/app/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', tsJest] },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/app/support/taro.ts',
        '^nanoid/non-secure$': '<rootDir>/test/app/support/nanoid.ts',
      },
      modulePathIgnorePatterns: ['<rootDir>/dist/'],
    },
  ],
};
