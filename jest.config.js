/**
 * `npm test`: the unit and handler suites, run in Node against the embedded store.
 *
 * Two projects: "node" (domain, handlers, port, CLIs) and "app" (src/ services and hooks, on
 * jsdom, under test/app/). End-to-end tests (test/e2e/) have their own config,
 * jest.e2e.config.js, and are never run here. What all three share (TypeScript through
 * ts-jest, never dist/) is jest.base.js.
 */
const base = require('./jest.base');

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/e2e/ runs under jest.e2e.config.js; test/app/ is the "app" project below.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/app/'],
    },
    {
      // The app's own code (services, hooks) in a browser-like DOM; Taro and nanoid (ESM only)
      // are stood in for by test/app/support/, so no Taro runtime is needed.
      ...base,
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/app/**/*.test.ts'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/app/support/taro.ts',
        '^nanoid/non-secure$': '<rootDir>/test/app/support/nanoid.ts',
      },
    },
  ],
};
