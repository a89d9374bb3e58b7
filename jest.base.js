/**
 * What jest.config.js's projects and jest.e2e.config.js share. ts-jest only transpiles:
 * tsconfig.json sets `isolatedModules`, which makes ts-jest use transpileModule (no type
 * information, fast); `npm run typecheck` checks test/ like everything else.
 */
/** @type {import('ts-jest').TsJestTransformerOptions} */
const tsJest = { tsconfig: '<rootDir>/tsconfig.json' };

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  transform: { '^.+\\.tsx?$': ['ts-jest', tsJest] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // Never pick up a stale build's copies of the sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
