import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { tokenLifetime } from './common/auth/token-signing.js';
import { TokenService } from './common/auth/token.service.js';
import { ConfigError, loadConfig } from './config/config.js';
import { formatDuration } from './config/duration.js';
import { DataDirectoryInUseError } from './config/data-dir-lock.js';
import { demoUsers, findDemo, isEmpty, seedDemo } from './demo/demo.seeder.js';
import { ChecksService } from './modules/checks/checks.service.js';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const app = await createApp(config);
  app.enableShutdownHooks();
  const logger = new Logger('Tandem');
  const dataSource = app.get(DataSource);

  if (config.seedDemo && (await isEmpty(dataSource))) {
    const checks = app.get(ChecksService);
    await seedDemo(dataSource, new Date(), {
      recordViolations: (em, rota) => checks.recordViolations(em, rota),
    });
    logger.log('Seeded the demo area into the empty database');
  }
  await app.listen(config.port, config.host);
  // The port actually bound (PORT=0 picks a free one).
  const address = app.getHttpServer().address() as AddressInfo | null;
  const port = address?.port ?? config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const where =
    config.database.kind === 'embedded' ? `embedded PostgreSQL at ${config.database.dataDir}` : 'PostgreSQL';
  logger.log(`Tandem ready in ${Math.round(performance.now() - started)} ms on ${where}`);

  const lines = [
    `\n  Tandem:              ${url}/`,
    `  GraphQL API and IDE: ${url}/graphql`,
    `  Health:              ${url}/health`,
  ];
  const demo = config.printDemoTokens && config.auth.jwtSecret ? await findDemo(dataSource) : undefined;
  if (demo) {
    const tokens = app.get(TokenService);
    const lifetime = formatDuration(tokenLifetime(undefined, config.auth.maxLifetimeSeconds));
    lines.push(`\n  Demo tokens (send as "Authorization: Bearer <token>"; valid ${lifetime}):`);
    for (const user of demoUsers(demo)) {
      lines.push(`\n  ${user.label} (${user.name}):\n  ${await tokens.mint(user)}`);
    }
  }
  if (config.auth.usingDevelopmentSecret) {
    lines.push(
      '\n  Tokens are signed with the built-in development secret: set JWT_SECRET outside development.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof DataDirectoryInUseError) {
    process.stderr.write(`Tandem did not start: ${error.message}\n`);
    process.exit(75);
  }
  process.stderr.write(
    `Tandem failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
