import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TokenService } from '../../src/common/auth/token.service.js';
import { demoUsers } from '../../src/demo/demo.seeder.js';
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

describe('the web app in Chromium: a staff member asks for leave and sees it approved; HR reads the reports', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser reported that the page should never cause: script errors, CSP refusals, other hosts. */
  const problems: string[] = [];
  let nurse: string;
  let leaveStart: string;
  let leaveEnd: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startWebApp();
    const users = demoUsers(t.ids);
    nurse = users.find((u) => u.subject === 'demo-staff-ward7')!.name!;
    const manager = users.find((u) => u.subject === 'demo-manager-ward7')!;
    const token = await t.app.get(TokenService).mint(manager);
    // Leave on the ward's published rota (staff read their leave through their team's published rotas).
    const res = await t.gql(
      `query($t: ID!) { rotas(teamId: $t) { status startDate endDate } }`,
      { t: t.ids.teams.ward7 },
      token,
    );
    const published = (res.data!.rotas as Array<{ status: string; endDate: string }>).find(
      (r) => r.status === 'PUBLISHED',
    )!;
    leaveStart = addDays(published.endDate, -3);
    leaveEnd = addDays(published.endDate, -2);

    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url) && !r.url().startsWith('blob:'))
        problems.push(`request elsewhere: ${r.url()}`);
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
  const nav = () => page.getByRole('navigation', { name: 'Sections' });
  const signInAs = async (button: RegExp) => {
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await page.getByRole('button', { name: button }).click();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
  };
  const open = async (link: string, heading: string) => {
    await nav().getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  };

  it('signs a staff member in from the demo list onto their shifts, as a list and as a month', async () => {
    await signInAs(/Staff – Ward 7 nurse/);
    await page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
    await page
      .getByRole('table', { name: 'My shifts this month' })
      .or(page.getByText('You have no shifts'))
      .waitFor();
    await screenshot(page, 'staff-01-my-shifts');
    await expectAccessible('my shifts (list)');
    await page.getByRole('button', { name: 'Show as a calendar month' }).click();
    await page.getByRole('table', { name: /My shifts in .*, a week a row/ }).waitFor();
    await screenshot(page, 'staff-02-my-shifts-month');
    await expectAccessible('my shifts (month)');
  });

  it('requests leave: the form’s errors are linked to the fields, then the request waits for a decision', async () => {
    await open('Leave', 'Leave');
    await page.getByRole('button', { name: 'Request leave' }).click();
    await page.getByRole('link', { name: 'Enter the first day of your leave' }).waitFor();
    await screenshot(page, 'staff-03-leave-errors');
    await expectAccessible('leave (errors)');
    await page.getByRole('link', { name: 'Enter the first day of your leave' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('leave-start');

    await page.getByLabel('Kind of leave').selectOption('ANNUAL_LEAVE');
    await page.getByLabel('First day').fill(leaveStart);
    await page.getByLabel('Last day').fill(leaveEnd);
    await page.getByLabel('Note for your manager (optional)').fill('Family wedding');
    await page.getByRole('button', { name: 'Request leave' }).click();
    await page
      .getByRole('status')
      .getByText(/Leave requested from/)
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Family wedding' });
    await row.getByText('Waiting for a decision').waitFor();
    await screenshot(page, 'staff-04-leave-requested');
    await expectAccessible('leave (requested)');
  });

  it('shows the placements, shift preferences and calendar-feed pages', async () => {
    await open('Placements', 'Placements');
    await page.getByLabel('Team you would like to work in').waitFor();
    await screenshot(page, 'staff-05-placements');
    await expectAccessible('placements');

    await open('Shift preferences', 'Shift preferences');
    await page.getByRole('button', { name: 'Record the preference' }).click();
    await page.getByRole('link', { name: 'Select whether you would like to work it' }).waitFor();
    await expectAccessible('preferences (errors)');
    await screenshot(page, 'staff-06-preferences');

    await open('Calendar feed', 'Calendar feed');
    await page.getByRole('button', { name: 'Get my calendar link' }).click();
    const url = await page.getByLabel('Your calendar link').inputValue();
    expect(url).toMatch(/\/calendar\/.+\.ics\?token=/);
    await screenshot(page, 'staff-07-calendar-feed');
    await expectAccessible('calendar feed');
    await signOut();
  });

  it('lets the ward manager approve the leave on the leave requests page', async () => {
    await signInAs(/Sign in as Grace Okafor/);
    await page.getByRole('heading', { name: 'Your teams’ rotas' }).waitFor();
    await open('Leave requests', 'Leave requests');
    const approve = page.getByRole('button', { name: `Approve ${nurse}’s leave` });
    await approve.waitFor();
    await screenshot(page, 'manager-01-leave-requests');
    await expectAccessible('leave requests');
    await approve.click();
    await page.getByRole('status').getByText(`Approved ${nurse}’s leave`, { exact: false }).waitFor();
    await screenshot(page, 'manager-02-leave-approved');
    await signOut();
  });

  it('shows the staff member their leave approved', async () => {
    await signInAs(/Staff – Ward 7 nurse/);
    await page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
    await open('Leave', 'Leave');
    const row = page.getByRole('row').filter({ hasText: 'Family wedding' });
    await row.getByText('Approved', { exact: true }).waitFor();
    await row.getByText(/Grace Okafor/).waitFor();
    await screenshot(page, 'staff-08-leave-approved');
    await signOut();
  });

  it('shows HR each report with its charts and downloads each CSV with a byte-order mark', async () => {
    await signInAs(/Sign in as Priya Shah/);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await screenshot(page, 'hr-01-reports');
    await expectAccessible('reports');
    const reports: Array<[string, string, string, string]> = [
      [
        'Joint roles',
        'Funding by partner (CSV)',
        'hr-02-joint-roles',
        'Annual cost and FTE funded by each partner',
      ],
      [
        'Placements',
        'Placements by direction, kind, status and phase (CSV)',
        'hr-03-placements',
        'Placements by direction',
      ],
      ['Compliance', 'Violations by team and rule (CSV)', 'hr-04-compliance', 'Rules broken month by month'],
      [
        'Expiring credentials',
        'Credentials one by one (CSV)',
        'hr-05-credentials',
        'Credentials expired and expiring by team',
      ],
    ];
    for (const [title, csv, shot, chart] of reports) {
      await page.getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('figure', { name: chart }).waitFor();
      await screenshot(page, shot);
      await expectAccessible(`${title} report`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: csv }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(bytes, { bom: true }) as string[][];
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows[0]!.length).toBeGreaterThan(1);
      await page.getByRole('link', { name: 'Back to reports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    }
    await signOut();
    expect(problems).toEqual([]);
  });
});
