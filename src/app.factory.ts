import type { PGlite } from '@electric-sql/pglite';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, GRAPHQL_PATH } from './app.module.js';
import { IDE_ASSETS_PATH, ideAssets, ideHtmlMiddleware } from './common/graphql/ide.middleware.js';
import { loadWebApp, WEB_ASSETS_PATH, webAssets } from './common/landing/web-app.js';
import { requestScopeMiddleware } from './common/request-scope.js';
import { securityHeaders } from './common/security/headers.js';
import { rateLimitPerAddress, rateLimitPerToken } from './common/security/rate-limit.js';
import { RateLimitCounters } from './common/security/rate-limit-store.js';
import { concurrencyLimit } from './common/security/concurrency-limit.js';
import { requestTimeout } from './common/security/request-timeout.js';
import type { AppConfig } from './config/config.js';
import { openDatabase } from './config/database.js';
import { WebSessionModule } from './modules/web-session/web-session.module.js';

export interface CreateAppOptions {
  /** An already-open embedded database to use (tests load one from a snapshot). */
  pglite?: PGlite;
  /** Sees every SQL statement (tests count them). */
  typeormLogger?: TypeOrmLogger;
}

/**
 * Builds the application: opens the database (running migrations), then the Nest app on top of it. Used by
 * main.ts, the CLI tools and the e2e tests, so all three run the same wiring.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const database = await openDatabase(config.database, {
    pglite: options.pglite,
    logger: options.typeormLogger,
  });
  try {
    const root = AppModule.forRoot(config, database);
    // The web app's development sign-in (its own module: it answers only when the configuration allows).
    const withWeb = { ...root, imports: [...(root.imports ?? []), WebSessionModule] };
    const app = await NestFactory.create<NestExpressApplication>(withWeb, {
      bufferLogs: true,
      bodyParser: false,
    });
    app.useLogger(app.get(Logger));
    app.use(requestScopeMiddleware);
    app.use(securityHeaders({ https: config.publicUrl.startsWith('https://') }));
    app.useBodyParser('json', { limit: '1mb' });
    app.set('trust proxy', 'loopback');
    app.disable('x-powered-by');
    if (config.rateLimitPerMinute > 0) {
      const counters = app.get(RateLimitCounters);
      app.use(rateLimitPerAddress(config.rateLimitPerMinute * 20, counters.store('address:')));
      app.use(rateLimitPerToken(config.rateLimitPerMinute, counters.store('token:')));
    }
    // The API's time limit starts once a request has passed the rate limits.
    app.use(GRAPHQL_PATH, requestTimeout(config.graphql.requestTimeoutMs));
    if (config.graphql.ide) {
      // Before Apollo's handler: browsers asking for /graphql get the IDE, everything else goes on to the API.
      app.use(GRAPHQL_PATH, ideHtmlMiddleware(GRAPHQL_PATH));
      app.use(IDE_ASSETS_PATH, ideAssets(GRAPHQL_PATH));
    }
    app.use(GRAPHQL_PATH, concurrencyLimit(config.graphql.maxConcurrent));
    // The web app's static files (its pages are LandingController's); nothing when it is not built.
    const web = loadWebApp();
    if (web) app.use(WEB_ASSETS_PATH, webAssets(web));
    await app.init();
    return app;
  } catch (error) {
    await database.close();
    throw error;
  }
}
