import 'reflect-metadata';
import { openDatabase } from '../config/database.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { seedDemo } from '../demo/demo.seeder.js';

/** `npm run seed`: writes the demo area into the configured database (idempotent; the only way to seed PostgreSQL). */
try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const result = await seedDemo(database.dataSource);
    process.stdout.write(
      result.created ? 'Demo area seeded.\n' : 'Demo area already present; nothing added.\n',
    );
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack)}\n`);
  process.exit(1);
}
