import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Plain JS on purpose: jest loads global setup outside its ESM/TypeScript pipeline. It only makes a folder
 * for this run; the first test file to need the migrated database builds it there (tests/setup/test-database.ts).
 */
export default function globalSetup() {
  process.env.TANDEM_TEST_DIR = mkdtempSync(join(tmpdir(), 'tandem-test-'));
}
