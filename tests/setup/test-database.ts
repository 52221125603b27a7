import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { EMBEDDED_EXTENSIONS, openDatabase } from '../../src/config/database.js';

/**
 * Test databases. Embedded (default): one migrated PGlite snapshot per run, loaded by each test file.
 * PostgreSQL (DATABASE_URL set): one migrated template database per run, copied for each test file.
 * The first test file to ask builds it (under a lock file); the others wait for it.
 */
export interface TestDatabaseState {
  kind: 'embedded' | 'postgres';
  snapshot?: string;
  template?: string;
  adminUrl?: string;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function build(dir: string): Promise<TestDatabaseState> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `tandem_tpl_${randomBytes(4).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${template}`);
    const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, template), poolSize: 1 });
    await db.close();
    return { kind: 'postgres', template, adminUrl: url };
  }
  const pglite = await PGlite.create({ extensions: EMBEDDED_EXTENSIONS });
  const db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' }, { pglite });
  await db.dataSource.destroy();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const snapshot = join(dir, 'snapshot.tar');
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  return { kind: 'embedded', snapshot };
}

/** The run's migrated database (built on first use). */
export async function testDatabase(): Promise<TestDatabaseState> {
  const dir = process.env.TANDEM_TEST_DIR;
  if (!dir) throw new Error('The jest global setup did not run (TANDEM_TEST_DIR unset)');
  const stateFile = join(dir, 'state.json');
  const lockFile = join(dir, 'state.lock');
  // Only a hang ends the wait: building the database takes seconds, or minutes on a loaded machine.
  const deadline = Date.now() + 900_000;
  while (!existsSync(stateFile)) {
    let fd: number | undefined;
    try {
      fd = openSync(lockFile, 'wx');
    } catch {
      if (Date.now() > deadline)
        throw new Error('Timed out waiting for another worker to build the test database');
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      const state = await build(dir);
      writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
      renameSync(`${stateFile}.tmp`, stateFile);
    } finally {
      closeSync(fd);
    }
  }
  return JSON.parse(readFileSync(stateFile, 'utf8')) as TestDatabaseState;
}
