/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: one worker on CI's 2 cores. The suites share no files
  // (each writes to its own temporary directory and only reads build/), so both cores can run them.
  maxWorkers: 2,
};
