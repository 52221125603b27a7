import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` against the service on a scratch PostgreSQL database (created, migrated, dropped afterwards),
 * listening on a loopback port. Returns false (and prints why) when there is no PostgreSQL server.
 */
export async function withBenchApp(
  work: (app: INestApplication, baseUrl: string) => Promise<void>,
): Promise<boolean> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tandem_bench_${randomBytes(4).toString('hex')}`;
  try {
    await admin(adminUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`   skipped: no PostgreSQL at ${adminUrl} (${(error as Error).message})`);
    return false;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const base = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    DATABASE_URL: url.toString(),
  });
  const app = await createApp({ ...base, logLevel: 'silent', seedDemo: false });
  try {
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    await work(app, `http://127.0.0.1:${port}`);
  } finally {
    await app.close();
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return true;
}
