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

/** Files that start the service as separate processes on the embedded database: the embedded pass runs them. */
const EMBEDDED_ONLY = [
  '<rootDir>/tests/e2e/service-process.e2e.spec.ts',
  '<rootDir>/tests/e2e/notifications-process-embedded.e2e.spec.ts',
  // The browser tests (Chromium driving the web app) need no second pass: the API under them is tested on both.
  '<rootDir>/tests/browser/',
];

/** Files that start the service as separate processes on one PostgreSQL database: the PostgreSQL pass runs them. */
const POSTGRES_ONLY = ['<rootDir>/tests/e2e/notifications-process.e2e.spec.ts'];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  testMatch: [
    '<rootDir>/tests/unit/**/*.spec.ts',
    '<rootDir>/tests/e2e/**/*.spec.ts',
    '<rootDir>/tests/browser/**/*.spec.ts',
  ],
  globalSetup: '<rootDir>/tests/setup/global-setup.js',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.js',
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.DATABASE_URL ? EMBEDDED_ONLY : POSTGRES_ONLY)],
  // Every test is bounded by the work it does (counted requests, rows, runs), never by the clock. The timeout only
  // catches a hang, so it is generous: on a loaded 2-core machine a suite may take several times its usual time.
  testTimeout: 600_000,
  maxWorkers: 2,
  // PGlite instances are large: recycle a worker rather than let it grow.
  workerIdleMemoryLimit: '1.5GB',
};
