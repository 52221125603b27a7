import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/auth/actor.js';
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

interface RotaShift {
  id: string;
  localDate: string;
  startTime: string;
  startsAt: string;
  shiftType: { id: string; code: string };
  assignments: Array<{ id: string; staffId: string; staff: { name: string; employerId: string } }>;
}

describe('the web app in Chromium: open shifts across a bank agreement, a shift swap, the inbox', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser reported that the page should never cause: script errors, CSP refusals, other hosts. */
  const problems: string[] = [];
  const tokens: Record<string, string> = {};
  let rotaId: string;
  let rotaStart: string;
  /** The ward's early shift offered as an open shift, and where its cover cell is on the board. */
  let offered: RotaShift;
  let cell: { row: number; col: number };
  let carer: { staffId: string; name: string };
  let nurse: { staffId: string; name: string };
  /** The nurse's shift she hands to a colleague, and the colleague (not a demo user: signs in with a token). */
  let handed: { assignmentId: string; localDate: string };
  let colleague: { staffId: string; name: string; jobTitle: string };

  const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(query, variables, tokens[token]);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data! as Record<string, any>;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startWebApp();
    const users = demoUsers(t.ids);
    const mint = t.app.get(TokenService);
    for (const [key, subject] of [
      ['trustHr', 'demo-hr-trust'],
      ['councilHr', 'demo-hr-council'],
      ['manager', 'demo-manager-ward7'],
      ['carer', 'demo-staff-reablement'],
      ['nurse', 'demo-staff-ward7'],
    ] as const)
      tokens[key] = await mint.mint(users.find((u) => u.subject === subject)!);
    const demoCarer = users.find((u) => u.subject === 'demo-staff-reablement')!;
    const demoNurse = users.find((u) => u.subject === 'demo-staff-ward7')!;
    carer = { staffId: demoCarer.staffId!, name: demoCarer.name! };
    nurse = { staffId: demoNurse.staffId!, name: demoNurse.name! };
    const trust = t.ids.organisations.trust;
    const council = t.ids.organisations.council;
    const ward7 = t.ids.teams.ward7;

    // The trust and the council share a staff bank: the trust's HR proposes it, the council's approves (unless
    // the demo data has one already).
    const { bankAgreements } = await gql(
      'trustHr',
      `{ bankAgreements(status: ACTIVE) { edges { node { proposerOrganisationId partnerOrganisationId } } } }`,
    );
    const active = (bankAgreements.edges as Array<{ node: Record<string, string> }>).some(
      (e) =>
        [e.node.proposerOrganisationId, e.node.partnerOrganisationId].sort().join() ===
        [trust, council].sort().join(),
    );
    const today = new Date().toISOString().slice(0, 10);
    if (!active) {
      const { proposeBankAgreement } = await gql(
        'trustHr',
        `mutation($input: ProposeBankAgreementInput!) { proposeBankAgreement(input: $input) { id } }`,
        { input: { partnerOrganisationId: council, startDate: today, terms: 'Winter mutual aid' } },
      );
      await gql(
        'councilHr',
        `mutation($input: DecideBankAgreementInput!) { decideBankAgreement(input: $input) { status } }`,
        { input: { bankAgreementId: proposeBankAgreement.id, decision: 'APPROVE' } },
      );
    }

    // The ward's published rota, and an early shift at least two days ahead on which the council carer is free
    // the day before, the day and the day after (so the rules have nothing against her).
    const { rotas } = await gql('manager', `query($t: ID!) { rotas(teamId: $t) { id status startDate } }`, {
      t: ward7,
    });
    const published = (rotas as Array<{ id: string; status: string; startDate: string }>).find(
      (r) => r.status === 'PUBLISHED',
    )!;
    rotaId = published.id;
    rotaStart = published.startDate;
    const { rota } = await gql(
      'manager',
      `query($id: ID!) { rota(id: $id) { endDate shifts { id localDate startTime startsAt shiftType { id code }
        assignments { id staffId staff { name employerId } } } } }`,
      { id: rotaId },
    );
    const shifts = rota.shifts as RotaShift[];
    const soon = Date.now() + 2 * 24 * 3600 * 1000;
    const { myShifts: carerShifts } = await gql(
      'carer',
      `query($from: LocalDate!, $to: LocalDate!) { myShifts(from: $from, to: $to) { shift { localDate } } }`,
      { from: addDays(today, -2), to: addDays(rota.endDate, 2) },
    );
    const busy = new Set(
      (carerShifts as Array<{ shift: { localDate: string } }>).map((a) => a.shift.localDate),
    );
    offered = shifts.find(
      (s) =>
        s.shiftType.code === 'E' &&
        Date.parse(s.startsAt) > soon &&
        ![-1, 0, 1].some((n) => busy.has(addDays(s.localDate, n))),
    )!;
    expect(offered).toBeDefined();
    const types = [...new Map(shifts.map((s) => [s.shiftType.id, s])).values()]
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map((s) => s.shiftType.code);
    const days = Math.round((Date.parse(offered.localDate) - Date.parse(published.startDate)) / 86_400_000);
    cell = { row: types.indexOf('E'), col: days };

    // Her passport at the ward: the trust accepts the social-care training it lacks, and its HR records (and the
    // council's HR accepts) the skills she has not got, so the rules let her claim.
    const { passportReadiness } = await gql(
      'councilHr',
      `query($s: ID!, $t: ID!, $on: LocalDate) { passportReadiness(staffId: $s, teamId: $t, on: $on) {
        gaps { reason skill { id } } } }`,
      { s: carer.staffId, t: ward7, on: offered.localDate },
    );
    const gaps = passportReadiness.gaps as Array<{ reason: string; skill: { id: string } }>;
    const notAccepted = gaps.filter((g) => g.reason === 'NOT_ACCEPTED').map((g) => g.skill.id);
    if (notAccepted.length)
      await gql(
        'trustHr',
        `mutation($input: PassportAcceptanceChangeInput!) { changePassportAcceptance(input: $input) { version } }`,
        { input: { organisationId: trust, addSkillIds: notAccepted } },
      );
    for (const g of gaps.filter((x) => x.reason !== 'NOT_ACCEPTED')) {
      const { recordCredential } = await gql(
        'trustHr',
        `mutation($input: RecordCredentialInput!) { recordCredential(input: $input) { id } }`,
        {
          input: {
            staffId: carer.staffId,
            skillId: g.skill.id,
            obtainedOn: addDays(today, -30),
            verifiedByOrganisationId: trust,
          },
        },
      );
      await gql(
        'councilHr',
        `mutation($id: ID!) { acceptCredential(input: { credentialId: $id }) { acceptance } }`,
        { id: recordCredential.id },
      );
    }

    // The nurse's shift to hand over (another day), and a colleague on the same rota the rules let take it.
    const mine = shifts
      .filter((s) => s.id !== offered.id && Date.parse(s.startsAt) > soon)
      .flatMap((s) => s.assignments.filter((a) => a.staffId === nurse.staffId).map((a) => ({ a, s })));
    const onRota = new Set(
      shifts.flatMap((s) => s.assignments.filter((a) => a.staff.employerId === trust).map((a) => a.staffId)),
    );
    for (const { a, s } of mine) {
      const { eligibleStaff } = await gql(
        'manager',
        `query($id: ID!) { eligibleStaff(shiftId: $id, first: 50) { staffId eligible violations { severity }
          staff { name jobTitle } } }`,
        { id: s.id },
      );
      const pick = (
        eligibleStaff as Array<{
          staffId: string;
          eligible: boolean;
          violations: Array<{ severity: string }>;
          staff: { name: string; jobTitle: string };
        }>
      ).find(
        (c) =>
          c.eligible &&
          c.violations.length === 0 &&
          onRota.has(c.staffId) &&
          c.staffId !== nurse.staffId &&
          c.staffId !== carer.staffId,
      );
      if (pick) {
        handed = { assignmentId: a.id, localDate: s.localDate };
        colleague = { staffId: pick.staffId, name: pick.staff.name, jobTitle: pick.staff.jobTitle };
        break;
      }
    }
    expect(colleague).toBeDefined();
    tokens.colleague = await mint.mint({
      subject: 'browser-test-colleague',
      name: colleague.name,
      roles: [Role.STAFF],
      organisationIds: [trust],
      staffId: colleague.staffId,
    });

    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
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
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await screenshot(page, `mobility-failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
      throw new Error(`Step "${name}" failed: ${(error as Error).message}`, { cause: error });
    }
  };
  const nav = () => page.getByRole('navigation', { name: 'Sections' });
  /** The sign-in page, signed out (a step that failed may have left someone signed in). */
  const signInPage = async () => {
    await page.goto(`${t.url}/`);
    await page.evaluate(() => (globalThis as any).sessionStorage.removeItem('tandem.token'));
    await page.goto(`${t.url}/`);
  };
  const signInAs = async (button: RegExp) => {
    await signInPage();
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await page.getByRole('button', { name: button }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };
  const signInWithToken = async (token: string) => {
    await signInPage();
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await page.getByRole('textbox', { name: 'Bearer token' }).fill(token);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
  };
  const open = async (link: string, heading: string) => {
    await nav().getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  };
  const status = () => page.getByRole('status');

  it('a ward manager offers an open shift from the board; a council carer claims it; the manager approves; she is told', async () => {
    let openShiftId = '';
    await step('the manager offers the early shift from the published rota’s board', async () => {
      await signInAs(/Sign in as Grace Okafor/);
      await page.goto(`${t.url}/rotas/${rotaId}`);
      await page.getByRole('grid').waitFor();
      await page.locator(`#cell-${cell.row}-${cell.col}`).click();
      const cover = page.getByRole('dialog', { name: /^Cover of / });
      await cover.getByRole('button', { name: 'Offer as an open shift' }).click();
      const dialog = page.getByRole('dialog', { name: /as an open shift$/ });
      await dialog.getByLabel('Places').fill('0');
      await dialog.getByRole('button', { name: 'Offer the shift' }).click();
      await dialog.getByRole('link', { name: 'Enter how many places to offer, 1 or more' }).click();
      expect(await page.evaluate('document.activeElement.id')).toBe('offer-places');
      await dialog.getByLabel('Places').fill('1');
      await dialog
        .getByLabel('Note for those who claim it (optional)')
        .fill('Bay 3: report to the nurse in charge');
      expect(await dialog.getByLabel(/Include partners’ bank staff/).isChecked()).toBe(true);
      await screenshot(page, 'mobility-01-offer-dialog');
      await expectAccessible('offer an open shift (dialog)');
      await dialog.getByRole('button', { name: 'Offer the shift' }).click();
      await status()
        .getByText(/Offered 1 place on /)
        .waitFor();
      expect(rotaStart <= offered.localDate).toBe(true);
      const { openShifts } = await gql(
        'manager',
        `{ openShifts(filter: { status: OPEN }) { edges { node { id shiftId note } } } }`,
      );
      const offer = (openShifts.edges as Array<{ node: { id: string; shiftId: string; note: string } }>).find(
        (e) => e.node.shiftId === offered.id,
      )!;
      expect(offer.node.note).toBe('Bay 3: report to the nurse in charge');
      openShiftId = offer.node.id;
      await signOut();
    });

    await step('the council carer sees it on Open shifts (on a phone), ready, and claims it', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(/reablement support worker/);
      // The header's inbox link carries the unread count (she was told of the offer).
      await page.getByRole('link', { name: /^Inbox \d+ unread$/ }).waitFor();
      await open('Open shifts', 'Open shifts');
      const card = page.locator('section', { has: page.locator(`#offer-${openShiftId}`) });
      await card.getByText('Ward 7', { exact: false }).first().waitFor();
      await card.getByText('Bay 3: report to the nurse in charge').waitFor();
      await card.getByText(/^Ready/).waitFor();
      await screenshot(page, 'mobility-02-open-shifts-phone');
      await expectAccessible('open shifts (phone)');
      await card.getByRole('button', { name: /^Claim the shift on / }).click();
      await status().getByText('Claimed: waiting for the ward’s manager.').waitFor();
      const claims = page.getByRole('list', { name: 'Your claims' });
      await claims.getByText('Waiting for the manager').waitFor();
      await screenshot(page, 'mobility-03-claimed-phone');
      await expectAccessible('open shifts (claimed)');
      await signOut();
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await step('the manager approves the claim on Open shifts and swaps', async () => {
      await signInAs(/Sign in as Grace Okafor/);
      await open('Open shifts and swaps', 'Open shifts and swaps');
      const card = page.locator('section', { has: page.locator(`#offer-${openShiftId}`) });
      await card.getByText(carer.name, { exact: true }).waitFor();
      await card.getByText(/Nenshire County Council/).waitFor();
      await screenshot(page, 'mobility-04-claims');
      await expectAccessible('open shifts and swaps (a claim waiting)');
      await card.getByRole('button', { name: `Approve ${carer.name}’s claim` }).click();
      await status().getByText(`Approved: ${carer.name} is on the rota`, { exact: false }).waitFor();
      await card.getByText('Approved', { exact: true }).waitFor();
      await expectAccessible('open shifts and swaps (approved)');
      await signOut();
    });

    await step(
      'the carer sees her claim approved, and the decision in her inbox; she marks all read',
      async () => {
        await signInAs(/reablement support worker/);
        await open('Open shifts', 'Open shifts');
        await page
          .getByRole('list', { name: 'Your claims' })
          .getByText('Approved', { exact: true })
          .waitFor();
        await page.getByRole('link', { name: /^Inbox/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
        const entry = page.getByRole('listitem').filter({ hasText: 'Bank shift approved' });
        await entry.getByText('Unread').waitFor();
        await entry.getByRole('link', { name: /Open your open shifts and claims/ }).waitFor();
        await screenshot(page, 'mobility-05-inbox');
        await expectAccessible('inbox');
        await page.getByRole('button', { name: 'Mark all as read' }).click();
        await status().getByText('Nothing is unread.', { exact: false }).waitFor();
        await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
        expect(await page.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
        await expectAccessible('inbox (all read)');
        await signOut();
      },
    );
    expect(problems).toEqual([]);
  });

  it('a nurse offers a shift to a colleague from My shifts; the colleague accepts; the manager approves', async () => {
    await step('the nurse offers her shift as a handover (the colleague is required)', async () => {
      await signInAs(/Ward 7 nurse/);
      await page.getByRole('heading', { level: 1, name: 'My shifts' }).waitFor();
      const thisMonth = new Date().toISOString().slice(0, 7);
      if (handed.localDate.slice(0, 7) > thisMonth)
        await page.getByRole('button', { name: /^Next month/ }).click();
      const link = page.locator(`a[href="/my-swaps/new/${handed.assignmentId}"]`);
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Offer a shift to a colleague' }).waitFor();
      await page.getByRole('button', { name: 'Offer the swap' }).click();
      await page.getByRole('link', { name: 'Choose the colleague you offer the shift to' }).click();
      expect(await page.evaluate('document.activeElement.id')).toBe('swap-colleague');
      await screenshot(page, 'mobility-06-swap-errors');
      await expectAccessible('offer a swap (errors)');
      await page.getByLabel('Colleague', { exact: true }).selectOption(colleague.staffId);
      await page.getByLabel('What you take in exchange').selectOption('handover');
      await page.getByLabel('Message to your colleague (optional)').fill('Family birthday: thank you!');
      await page.getByRole('button', { name: 'Offer the swap' }).click();
      await status().getByText(`Swap offered to ${colleague.name}.`).waitFor();
      await expectAccessible('offer a swap (offered)');
      await open('Shift swaps', 'Shift swaps');
      await page.getByRole('list', { name: 'Your offers' }).getByText('Waiting for the colleague').waitFor();
      await screenshot(page, 'mobility-07-my-swaps');
      await expectAccessible('shift swaps (offered)');
      await signOut();
    });

    await step('the colleague accepts it on Shift swaps', async () => {
      await signInWithToken(tokens.colleague!);
      await open('Shift swaps', 'Shift swaps');
      const offers = page.getByRole('list', { name: 'Swaps offered to you' });
      await offers.getByText('Family birthday: thank you!').waitFor();
      await expectAccessible('shift swaps (offered to me)');
      await offers.getByRole('button', { name: `Accept ${nurse.name}’s swap` }).click();
      await status().getByText(`You accepted ${nurse.name}’s swap.`, { exact: false }).waitFor();
      await offers.getByText('Waiting for the manager').waitFor();
      await signOut();
    });

    await step('the manager approves the swap; the rota changes', async () => {
      await signInAs(/Sign in as Grace Okafor/);
      await open('Open shifts and swaps', 'Open shifts and swaps');
      const swaps = page.getByRole('list', { name: 'Swaps waiting for your approval' });
      await swaps.getByRole('heading', { name: `${nurse.name} and ${colleague.name}` }).waitFor();
      await screenshot(page, 'mobility-08-swap-approval');
      await expectAccessible('open shifts and swaps (a swap waiting)');
      await swaps
        .getByRole('button', { name: `Approve the swap between ${nurse.name} and ${colleague.name}` })
        .click();
      await status().getByText(`Approved the swap: ${colleague.name} now works`, { exact: false }).waitFor();
      await page.getByText('No swap is waiting for you.').waitFor();
      const { rota } = await gql(
        'manager',
        `query($id: ID!) { rota(id: $id) { shifts { assignments { id staffId } } } }`,
        { id: rotaId },
      );
      const all = (rota.shifts as Array<{ assignments: Array<{ id: string; staffId: string }> }>).flatMap(
        (s) => s.assignments,
      );
      expect(all.some((a) => a.id === handed.assignmentId)).toBe(false);
      await signOut();
    });
    expect(problems).toEqual([]);
  });
  it('HR reads the bank agreements of the trust; proposing one asks for the partner first', async () => {
    await step('the trust’s HR opens Bank agreements', async () => {
      await signInAs(/Sign in as Priya Shah/);
      await open('Bank agreements', 'Bank agreements');
      const agreements = page.getByRole('list', { name: 'Your organisations’ bank agreements' });
      await agreements
        .locator('section')
        .filter({ hasText: 'Nenshire County Council' })
        .filter({ hasText: 'Nene Valley Hospitals' })
        .getByText('Active', { exact: true })
        .first()
        .waitFor();
      await screenshot(page, 'mobility-09-bank-agreements');
      await expectAccessible('bank agreements');
      await page.getByRole('button', { name: 'Propose the agreement' }).click();
      await page.getByRole('link', { name: 'Choose the organisation to share a bank with' }).click();
      expect(await page.evaluate('document.activeElement.id')).toBe('bank-partner');
      await expectAccessible('bank agreements (errors)');
      await signOut();
    });
    expect(problems).toEqual([]);
  });
});
