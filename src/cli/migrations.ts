import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { postgresOptions } from '../config/database.js';

/**
 * `run`: applies pending migrations to DATABASE_URL. `check`: applies them, then fails (exit 1) if the entities
 * still differ from the schema, printing the SQL a new migration would need. `roundtrip`: applies them, reverts
 * every one (each down()), and applies them again. CI runs `roundtrip` then `check` on a fresh database.
 */
const [command] = process.argv.slice(2);
// As the owner of the schema: DATABASE_MIGRATION_URL when the service has a login role of its own.
const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
if (!url || !['run', 'check', 'roundtrip'].includes(command ?? '')) {
  process.stderr.write(
    'usage: DATABASE_URL=postgres://… node dist/src/cli/migrations.js run|check|roundtrip\n',
  );
  process.exit(2);
}
// No statement limit: a migration may rewrite a large table.
const dataSource = new DataSource(
  postgresOptions(url, 2, undefined, { connectMs: 10_000, statementMs: 0, idleInTransactionMs: 0 }),
);
await dataSource.initialize();
try {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  process.stdout.write(`applied ${applied.length} migration(s)\n`);
  if (command === 'roundtrip') {
    let reverted = 0;
    while ((await dataSource.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted++;
    }
    const tables = await dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    if (tables[0].n !== 0) throw new Error(`down() left ${tables[0].n} table(s) behind`);
    const again = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`reverted ${reverted}, re-applied ${again.length}: every down() works\n`);
  }
  if (command === 'check') {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    if (upQueries.length > 0) {
      process.stderr.write('Entities and migrations differ; a new migration needs:\n');
      for (const q of upQueries) process.stderr.write(`  ${q.query};\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('migrations match the entities\n');
    }
  }
} finally {
  await dataSource.destroy();
}
