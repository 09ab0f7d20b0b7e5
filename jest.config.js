/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest transpiles file by file (tsconfig's isolatedModules): type checking is `npm run typecheck`,
  // run once by CI, instead of once per test file. (jest 29 + ts-jest rather than jest 30 + @swc/jest:
  // those ship per-platform native binaries that npm 11 leaves out of the lock file, breaking `npm ci`.)
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60000,
};
