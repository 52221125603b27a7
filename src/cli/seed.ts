import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { DataDirectoryInUseError } from '../config/data-dir-lock.js';
import { seedDemo } from '../demo/demo.seeder.js';
import { ChecksService } from '../modules/checks/checks.service.js';

/** `npm run seed`: writes the demo area into the configured database (idempotent; the only way to seed PostgreSQL). */
try {
  const config = loadConfig();
  const app = await createApp({ ...config, seedDemo: false, logLevel: 'warn' });
  try {
    const checks = app.get(ChecksService);
    const result = await seedDemo(app.get(DataSource), new Date(), {
      recordViolations: (em, rota) => checks.recordViolations(em, rota),
    });
    process.stdout.write(
      result.created ? 'Demo area seeded.\n' : 'Demo area already present; nothing added.\n',
    );
  } finally {
    await app.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error).stack)}\n`);
  process.exit(1);
}
