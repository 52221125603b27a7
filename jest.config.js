/** Jest in native ESM (Nest 12 is ESM-only): run through `node --experimental-vm-modules` (npm test does). */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  testMatch: ['<rootDir>/tests/unit/**/*.spec.ts', '<rootDir>/tests/e2e/**/*.spec.ts'],
  globalSetup: '<rootDir>/tests/setup/global-setup.js',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 2,
  // PGlite instances are large: recycle a worker rather than let it grow.
  workerIdleMemoryLimit: '1.5GB',
};
