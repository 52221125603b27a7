import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';
import { ChecksService } from '../../src/modules/checks/checks.service.js';
import { findDemo, seedDemo, type DemoIds } from '../../src/demo/demo.seeder.js';
import { findWebApp } from '../../src/common/landing/web-app.js';

/** Debian's Chromium (.ci/run installs it with apt-get); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Generous bounds for conditions (never fixed sleeps): a busy 2-core machine may be several times slower. */
export const WAIT_MS = 120_000;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it (apt-get install -y chromium; .ci/run does)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface WebTestApp extends TestApp {
  url: string;
  ids: DemoIds;
}

/** The real app on the embedded database (or the run's PostgreSQL) with the demo data, listening on a free port. */
export async function startWebApp(): Promise<WebTestApp> {
  if (!findWebApp()) throw new Error('The web app is not built: run npm run build (npm test does first)');
  // One solver worker: the board's auto-fill runs for real.
  const t = await startTestApp({ solver: { workers: 1, maxSeconds: 120 } });
  const checks = t.app.get(ChecksService);
  await seedDemo(t.dataSource, new Date(), {
    recordViolations: (em, rota) => checks.recordViolations(em, rota),
  });
  const ids = (await findDemo(t.dataSource))!;
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return Object.assign(t, { url: `http://127.0.0.1:${port}`, ids });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page as it is now: the violations of impact serious or critical (WCAG 2.2 A and AA). */
export async function seriousAccessibilityIssues(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types here): the axe the page was given, over its document.
    const page = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const result = await page.axe.run(page.document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String) })),
    }));
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Saves a screenshot when TANDEM_SCREENSHOTS names a folder (never into the repository). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.TANDEM_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
