import { Controller, Get, Header, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { Allow, PUBLIC } from '../auth/allow.decorator.js';
import { loadWebApp, type WebApp, WEB_ROUTES } from './web-app.js';
import { inlineContents, serializeCsp, sha256Source, STRICT_CSP } from '../security/headers.js';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page at `/`: what this service is and where its parts are. Static, no scripts, no external assets. */
export function landingPage(config: AppConfig): string {
  const ide = config.graphql.ide
    ? `<li><a href="/graphql">GraphQL IDE</a>: try the API in the browser (put a bearer token in the
       request headers as <code>Authorization: Bearer &lt;token&gt;</code>)</li>`
    : '';
  const where =
    config.database.kind === 'embedded'
      ? `the embedded database at <code>${escape(config.database.dataDir)}</code>`
      : 'PostgreSQL';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tandem – rotas for integrated health and social care</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #212b32; background: #f0f4f5; margin: 0; }
  header { background: #005eb8; color: #fff; padding: 16px 24px; }
  header h1 { margin: 0; font-size: 1.75rem; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  a { color: #005eb8; } a:focus { outline: 4px solid #ffeb3b; background: #ffeb3b; color: #212b32; }
  code, pre { background: #fff; border: 1px solid #d8dde0; padding: 0 4px; }
  pre { padding: 12px; overflow-x: auto; }
</style>
</head>
<body>
<header><h1>Tandem</h1><p>Workforce rotation and joint-role scheduling for integrated health and social care</p></header>
<main>
<p>One service an NHS trust and a council can share: staff and their skills passport, joint health and social
care roles, cross-sector placements, rotas, and a checker that explains every breach of working-time law,
contract and skill rules. This instance runs on ${where}.</p>
<h2>Where things are</h2>
<ul>
  <li><code>POST /graphql</code>: the GraphQL API (send JSON with a bearer token)</li>
  ${ide}
  <li><a href="/health">Health</a>: 200 when the service and its database can work, 503 when they cannot</li>
  <li><code>GET /reports/&lt;name&gt;.csv</code> and <code>GET /calendar/&lt;staffId&gt;.ics</code>: report downloads
  and calendar feeds</li>
</ul>
<h2>Quick start</h2>
<pre>npm install &amp;&amp; npm start   # starts on the embedded database with demo data, prints demo tokens
npm test                   # unit and end-to-end tests</pre>
<p>The README in the repository explains the API, the configuration and the security model.</p>
</main>
</body>
</html>
`;
}

/**
 * GET / : the web app for browsers (they ask for HTML), when it is built; the small landing page for everything
 * else (and when the app is not built). The app's client routes answer its page too, so a reload or a shared
 * link opens the same screen.
 */
@Controller()
export class LandingController {
  private readonly html: string;
  /** The strict policy, but for the page's own inline style (by hash). */
  private readonly policy: string;
  private readonly web: WebApp | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.html = landingPage(config);
    this.policy = serializeCsp({
      ...STRICT_CSP,
      'style-src': inlineContents(this.html, 'style').map(sha256Source),
    });
    this.web = loadWebApp();
  }

  @Get()
  @Allow(PUBLIC)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @Header('vary', 'accept')
  landing(@Req() req: Request, @Res({ passthrough: true }) res: Response): string {
    if (this.web && wantsHtml(req)) return this.app(res);
    res.setHeader('Content-Security-Policy', this.policy);
    return this.html;
  }

  @Get(WEB_ROUTES)
  @Allow(PUBLIC)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(@Res({ passthrough: true }) res: Response): string {
    if (!this.web) throw new NotFoundException('The web app is not built (npm run build)');
    return this.app(res);
  }

  private app(res: Response): string {
    res.setHeader('Content-Security-Policy', this.web!.policy);
    return this.web!.html();
  }
}

/** A browser navigating asks for text/html; API clients, curl and health checks do not. */
const wantsHtml = (req: Request): boolean => /\btext\/html\b/i.test(req.headers.accept ?? '');
