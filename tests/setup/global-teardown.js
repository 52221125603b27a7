import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Drops this run's PostgreSQL template database (if one was made) and removes the run's folder. */
export default async function globalTeardown() {
  const dir = process.env.TANDEM_TEST_DIR;
  if (!dir) return;
  const stateFile = join(dir, 'state.json');
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    if (state.kind === 'postgres') {
      const client = new pg.Client({ connectionString: state.adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${state.template} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
