import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Allow, PUBLIC } from '../../common/auth/allow.decorator.js';
import { TokenService } from '../../common/auth/token.service.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { demoUsers, findDemo } from '../../demo/demo.seeder.js';

export const DEMO_SIGN_IN_PATH = 'web-session/demo-users';

/** One demo user the web app's development sign-in offers, with a fresh token for them. */
export interface DemoSignIn {
  label: string;
  name: string;
  roles: string[];
  token: string;
}

/**
 * Whether the demo sign-in exists: never in production; otherwise when the service seeds demo data or prints
 * the demo tokens (the same people `npm start` prints tokens for), and signs its own tokens.
 */
export const demoSignInEnabled = (config: AppConfig): boolean =>
  config.env !== 'production' && (config.seedDemo || config.printDemoTokens) && !!config.auth.jwtSecret;

/**
 * GET /web-session/demo-users: the demo users with a token each, for the web app's "pick a demo user" sign-in.
 * A 404, as for any unknown path, whenever it is not enabled or the demo area is not in the database.
 */
@Controller()
export class WebSessionController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  @Get(DEMO_SIGN_IN_PATH)
  @Allow(PUBLIC)
  @Header('cache-control', 'no-store')
  async demoUsers(): Promise<{ users: DemoSignIn[] }> {
    if (!demoSignInEnabled(this.config)) throw new NotFoundException('Not found');
    const ids = await findDemo(this.dataSource);
    if (!ids) throw new NotFoundException('Not found');
    const users: DemoSignIn[] = [];
    for (const user of demoUsers(ids)) {
      users.push({
        label: user.label,
        name: user.name ?? user.label,
        roles: user.roles,
        token: await this.tokens.mint(user),
      });
    }
    return { users };
  }
}
