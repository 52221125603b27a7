import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { TokenService } from '../../src/common/auth/token.service.js';
import { demoUsers } from '../../src/demo/demo.seeder.js';
import { loadConfig } from '../../src/config/config.js';
import { demoSignInEnabled } from '../../src/modules/web-session/web-session.controller.js';
import {
  launchChromium,
  screenshot,
  seriousAccessibilityIssues,
  startWebApp,
  WAIT_MS,
  type WebTestApp,
} from './browser.js';

const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The first Monday after `date`. */
const mondayAfter = (date: string): string => {
  let d = addDays(date, 1);
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
};

describe('the web app in Chromium: a manager builds a week from a template, fixes a rest breach, publishes', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let managerToken: string;
  /** What the browser reported that the page should never cause: script errors, CSP refusals, other hosts. */
  const problems: string[] = [];
  let startDate: string;
  let restBreaker: { id: string; name: string };

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(query, variables, managerToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startWebApp();
    const manager = demoUsers(t.ids).find((u) => u.subject === 'demo-manager-ward7')!;
    managerToken = await t.app.get(TokenService).mint(manager);
    const teamId = t.ids.teams.ward7;

    // A one-week template the ward already has: an early and a late on Monday, an early on Tuesday; whoever works
    // the late on Monday also works the early on Tuesday (8½ hours' rest: the template breaks the daily rest rule).
    const { team, rotas } = await gql(
      `query($t: ID!) { team(id: $t) { shiftTypes { id code } } rotas(teamId: $t) { endDate } }`,
      { t: teamId },
    );
    const type = (code: string) => team.shiftTypes.find((s: any) => s.code === code).id as string;
    const today = new Date().toISOString().slice(0, 10);
    const last =
      rotas
        .map((r: any) => r.endDate as string)
        .sort()
        .at(-1) ?? today;
    startDate = mondayAfter(last > today ? last : today);
    const { staff } = await gql(
      `query($t: ID!) { staff(first: 100, filter: { teamId: $t }) { edges { node { id name } } } }`,
      { t: teamId },
    );
    const people: Array<{ id: string; name: string }> = [];
    for (const { node } of staff.edges) {
      if (people.length === 2) break;
      const ready = await gql(
        `query($s: ID!, $t: ID!, $a: LocalDate!, $b: LocalDate!) {
           a: passportReadiness(staffId: $s, teamId: $t, on: $a) { ready }
           b: passportReadiness(staffId: $s, teamId: $t, on: $b) { ready } }`,
        { s: node.id, t: teamId, a: startDate, b: addDays(startDate, 1) },
      );
      if (ready.a.ready && ready.b.ready) people.push(node);
    }
    expect(people).toHaveLength(2);
    restBreaker = people[1]!;
    await gql(`mutation($input: CreateRotaTemplateInput!) { createRotaTemplate(input: $input) { id } }`, {
      input: {
        teamId,
        name: 'Short week (Monday late into Tuesday early)',
        shifts: [
          { week: 1, weekday: 'MONDAY', shiftTypeId: type('E'), minHeadcount: 1, staffIds: [people[0]!.id] },
          { week: 1, weekday: 'MONDAY', shiftTypeId: type('L'), minHeadcount: 1, staffIds: [restBreaker.id] },
          {
            week: 1,
            weekday: 'TUESDAY',
            shiftTypeId: type('E'),
            minHeadcount: 1,
            staffIds: [restBreaker.id],
          },
        ],
      },
    });

    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url)) problems.push(`request elsewhere: ${r.url()}`);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const expectAccessible = async (what: string) => {
    expect({ page: what, issues: await seriousAccessibilityIssues(page) }).toEqual({
      page: what,
      issues: [],
    });
  };

  it('serves the app at / to browsers, its client routes on reload, and the API and landing page unchanged', async () => {
    const html = await request(t.http).get('/').set('accept', 'text/html');
    expect(html.status).toBe(200);
    expect(html.text).toContain('<div id="root">');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.headers['content-security-policy']).not.toContain('unsafe-inline');
    for (const route of ['/rotas/some-id', '/my-shifts', '/reports/compliance']) {
      const reload = await request(t.http).get(route).set('accept', 'text/html');
      expect(reload.text).toContain('<div id="root">');
    }
    // Tools asking for anything else still get the landing page; unknown paths stay 404.
    expect((await request(t.http).get('/')).text).toContain('href="/health"');
    expect((await request(t.http).get('/no-such-page')).status).toBe(404);
    // The demo sign-in exists outside production only.
    const demo = await request(t.http).get('/web-session/demo-users');
    expect(demo.status).toBe(200);
    expect(demo.body.users.map((u: any) => u.name)).toContain('Grace Okafor (ward manager)');
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), SEED_DEMO: 'true' });
    expect(demoSignInEnabled(production)).toBe(false);
    expect(demoSignInEnabled({ ...t.config, seedDemo: false, printDemoTokens: false })).toBe(false);
  });

  /** One scenario, step by step: a failing step stops it (later steps would only wait on a page that is not there). */
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await screenshot(page, `failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw new Error(`Step "${name}" failed: ${(error as Error).message}`, { cause: error });
    }
  };

  it('a manager signs in, builds a week from a template, fixes a rest breach from who-can-cover, publishes', async () => {
    await step('signs a manager in from the demo list', async () => {
      await page.goto(`${t.url}/`);
      await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
      await page.getByRole('button', { name: /Sign in as Grace Okafor/ }).waitFor();
      await screenshot(page, '01-sign-in');
      await expectAccessible('sign-in');
      await page.getByRole('button', { name: /Sign in as Grace Okafor/ }).click();
      await page.getByRole('heading', { name: 'Your teams’ rotas' }).waitFor();
      await page.getByRole('heading', { name: /Ward 7/ }).waitFor();
      await page.getByRole('table', { name: 'Rotas of Ward 7' }).waitFor();
      expect(
        await page.evaluate(() => (globalThis as any).sessionStorage.getItem('tandem.token')),
      ).toBeTruthy();
      await screenshot(page, '02-rotas');
      await expectAccessible('rotas');
    });
    await step(
      'builds a week from the template: the rules refuse the rest breach, the manager overrides it with a reason',
      async () => {
        await page.getByRole('link', { name: 'Build a week from a template for Ward 7' }).click();
        await page.getByRole('heading', { name: /Build a week from a template/ }).waitFor();
        await page.getByLabel(/Short week/).check();
        await page.getByLabel('First day (a Monday)').fill(startDate);
        await page.getByLabel('Name of the rota (optional)').fill('Browser test week');
        await page.getByLabel('Leave out assignments the rules refuse').uncheck();
        await screenshot(page, '03-from-template');
        await expectAccessible('from-template');
        await page.getByRole('button', { name: 'Build the rota' }).click();
        const dialog = page.getByRole('dialog', { name: 'This change breaks rules' });
        await dialog.waitFor();
        await dialog.getByText(/rest/i).first().waitFor();
        // A reason is required: the error is linked to the field.
        await dialog.getByRole('button', { name: 'Override and go ahead' }).click();
        await dialog.getByRole('link', { name: 'Enter why the rules may be broken here' }).waitFor();
        await screenshot(page, '04-override-dialog');
        await expectAccessible('override dialog');
        await dialog
          .getByLabel(/Reason for overriding/)
          .fill('Agreed with the ward: covered by the browser test');
        await dialog.getByRole('button', { name: 'Override and go ahead' }).click();
        await page.getByRole('heading', { name: /Browser test week/ }).waitFor();
      },
    );
    await step(
      'shows the rest breach on the cell and the person, and fixes it from who-can-cover by keyboard',
      async () => {
        const board = page.getByRole('grid', { name: 'The board' });
        await board.waitFor();
        const row = board
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: new RegExp(restBreaker.name) }) });
        const monday = row.getByRole('gridcell').nth(0);
        const tuesday = row.getByRole('gridcell').nth(1);
        await tuesday.getByText('Daily rest').waitFor();
        await row
          .getByRole('rowheader')
          .getByText(/problem/)
          .waitFor();
        await screenshot(page, '05-board-with-breach');
        await expectAccessible('board');

        // Keyboard: focus Monday, arrow right to Tuesday, Enter opens the cell's actions.
        await monday.focus();
        await page.keyboard.press('ArrowRight');
        expect(await tuesday.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
        await page.keyboard.press('Enter');
        const actions = page.getByRole('dialog', { name: new RegExp(restBreaker.name) });
        await actions.waitFor();
        await actions.getByRole('button', { name: 'Replace from who can cover' }).click();
        const cover = page.getByRole('dialog', { name: new RegExp(`Replace ${restBreaker.name}`) });
        await cover.getByRole('table', { name: /Who can cover/ }).waitFor();
        await screenshot(page, '06-who-can-cover');
        await expectAccessible('who can cover');
        const eligible = cover.getByRole('row').filter({ hasText: 'Eligible' }).first();
        const replacement = (await eligible.getByRole('button').textContent())!
          .replace('Replace with ', '')
          .trim();
        await eligible.getByRole('button').click();
        await page
          .getByRole('status')
          .getByText(new RegExp(`${replacement} replaces ${restBreaker.name}`))
          .waitFor();
        await board.getByRole('rowheader', { name: new RegExp(replacement) }).waitFor();
        expect(await board.getByText('Daily rest').count()).toBe(0);
        await screenshot(page, '07-board-fixed');
      },
    );
    await step('publishes the rota', async () => {
      await page.getByRole('button', { name: 'Publish the rota' }).click();
      await page.getByRole('status').getByText('Rota published.').waitFor();
      await page.getByText('Published', { exact: true }).first().waitFor();
      await screenshot(page, '08-published');
      await expectAccessible('published board');
      const { rota } = await gql(`query($id: ID!) { rota(id: $id) { status } }`, {
        id: page.url().split('/').at(-1),
      });
      expect(rota.status).toBe('PUBLISHED');
    });
    await step(
      'auto-fills a draft: the solver’s progress, then its proposal as a diff, discarded',
      async () => {
        await page.getByRole('link', { name: 'Back to your rotas' }).click();
        const draft = page
          .getByRole('table', { name: 'Rotas of Ward 7' })
          .getByRole('row')
          .filter({ hasText: 'Draft' })
          .first();
        await draft.getByRole('link').click();
        await page.getByRole('grid', { name: 'The board' }).waitFor();
        await page.getByLabel('How long the solver may search (seconds)').fill('2');
        await page.getByRole('button', { name: 'Auto-fill the rota' }).click();
        await page.getByRole('heading', { name: 'The proposal' }).waitFor();
        await page.getByRole('heading', { name: /^Added/ }).waitFor();
        await page.getByRole('heading', { name: /^Problems it ends/ }).waitFor();
        await screenshot(page, '09-auto-fill-proposal');
        await expectAccessible('auto-fill proposal');
        await page.getByRole('button', { name: 'Discard it' }).click();
        await page.getByRole('button', { name: 'Auto-fill the rota' }).waitFor();
      },
    );
    await step('signs out, forgetting the token', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
      expect(
        await page.evaluate(() => (globalThis as any).sessionStorage.getItem('tandem.token')),
      ).toBeNull();
      expect(problems).toEqual([]);
    });
  });
});
