import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../../src/common/auth/actor.js';
import { loadConfig } from '../../src/config/config.js';
import { CREDENTIAL_REMINDERS_QUEUE } from '../../migrations/1796700000000-NotificationsAndScheduledWork.js';
import { JobQueue } from '../../src/modules/jobs/job-queue.js';
import { CredentialReminders } from '../../src/modules/notifications/credential-reminders.js';
import { NotificationDelivery } from '../../src/modules/notifications/notification-delivery.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import {
  NotificationKind,
  NotificationsService,
} from '../../src/modules/notifications/notifications.service.js';
import { verifyWebhook } from '../../src/modules/notifications/webhook-signature.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import {
  ASSIGN,
  addShift,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const SECRET = 'notifications-test-webhook-secret';

interface Received {
  deliveryId: string;
  body: any;
  signed: boolean;
  at: number;
  status: number;
}

/** A webhook receiver: records every request; `answer` picks the status for each. */
async function receiver(answer: (body: any, seen: number) => number = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (raw += s));
    req.on('end', () => {
      const at = Date.now();
      const deliveryId = String(req.headers['tandem-delivery']);
      const body = JSON.parse(raw);
      const seen = received.filter((r) => r.deliveryId === deliveryId).length;
      const status = answer(body, seen);
      received.push({
        deliveryId,
        body,
        signed: verifyWebhook(SECRET, req.headers['tandem-signature'] as string | undefined, raw),
        at,
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { received, url, close: () => new Promise<void>((done) => server.close(() => done())) };
}

const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    edges { cursor node { id kind title body links recipientStaffId recipientTeamId createdAt readAt } }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}`;
const MARK = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount } }`;

describe('notifications: inbox, transactional outbox, signed webhook delivery (GraphQL over HTTP)', () => {
  let t: TestApp;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let w: RotaWorld;
  let otherTeamId: string;
  let alice: string;
  let bob: string;
  let carol: string;
  const tokens: Record<string, string> = {};
  /** Titles whose deliveries the receiver fails: `flaky` twice, `broken` always. */
  const flaky = new Set<string>();
  const broken = new Set<string>();

  const inbox = async (token: string, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(INBOX, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const titles = async (token: string) =>
    (await inbox(token)).notifications.edges.map((e: any) => e.node.title).sort();
  const notify = (input: Parameters<NotificationsService['notify']>[1]) =>
    t.dataSource.transaction((em) => t.app.get(NotificationsService).notify(em, input));
  /** Polls until `done` holds: bounded by the number of polls, not by the clock. */
  const until = async (what: string, done: () => Promise<boolean>) => {
    for (let i = 0; i < 1_200; i++) {
      if (await done()) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const deliveries = (title: string) =>
    t.ownerQuery(
      `SELECT d.* FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.title = $1 ORDER BY d.created_at, d.id`,
      [title],
    );

  beforeAll(async () => {
    hook = await receiver((body, seen) => {
      if (broken.has(body.title)) return 500;
      if (flaky.has(body.title) && seen < 2) return 500;
      return 200;
    });
    const base = loadConfig({ NODE_ENV: 'test' });
    t = await startTestApp({
      notifications: {
        ...base.notifications,
        webhook: { url: hook.url, secret: SECRET },
        retryBaseSeconds: 1,
        maxAttempts: 3,
        leaseSeconds: 30,
      },
    });
    w = await rotaWorld(t, 'Inbox');
    otherTeamId = (await insertTeam(t.dataSource, w.orgId, { name: 'Other Ward' })).id;
    alice = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
    bob = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id;
    carol = (await insertStaff(t.dataSource, w.orgId, { homeTeamId: otherTeamId })).id;
    const staffToken = (staffId: string) =>
      t.token({ roles: [Role.STAFF], organisationIds: [w.orgId], staffId });
    tokens.alice = await staffToken(alice);
    tokens.bob = await staffToken(bob);
    tokens.carol = await staffToken(carol);
    tokens.manager = w.manager;
    tokens.otherManager = await t.token({
      roles: [Role.MANAGER],
      organisationIds: [w.orgId],
      teamIds: [otherTeamId],
    });
    // A manager who is also on the staff (Bob): their own inbox and their team's.
    tokens.bobManager = await t.token({
      roles: [Role.MANAGER, Role.STAFF],
      organisationIds: [w.orgId],
      teamIds: [w.teamId],
      staffId: bob,
    });
    // Team ids in a token without the manager role open no team inbox.
    tokens.staffWithTeam = await t.token({
      roles: [Role.STAFF],
      organisationIds: [w.orgId],
      teamIds: [w.teamId],
      staffId: carol,
    });
    tokens.admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  it('a person sees their own entries, a manager their teams’, nobody anyone else’s', async () => {
    await notify({
      kind: NotificationKind.LEAVE_DECIDED,
      staffIds: [alice],
      title: 'for alice',
      body: 'b',
      links: { absenceId: 'x' },
    });
    await notify({ kind: NotificationKind.SWAP_REQUESTED, staffIds: [bob], title: 'for bob', body: 'b' });
    await notify({
      kind: NotificationKind.OPEN_SHIFT_CLAIMED,
      teamIds: [w.teamId],
      title: 'for the team',
      body: 'b',
    });
    expect(await titles(tokens.alice!)).toEqual(['for alice']);
    expect(await titles(tokens.bob!)).toEqual(['for bob']);
    expect(await titles(tokens.manager!)).toEqual(['for the team']);
    expect(await titles(tokens.bobManager!)).toEqual(['for bob', 'for the team']);
    expect(await titles(tokens.otherManager!)).toEqual([]);
    expect(await titles(tokens.carol!)).toEqual([]);
    expect(await titles(tokens.staffWithTeam!)).toEqual([]);
    // An inbox is personal: an administrator without a staff record or teams has none.
    expect(await titles(tokens.admin!)).toEqual([]);
    expect(await titles(await t.token({ roles: [Role.HR], organisationIds: [w.orgId] }))).toEqual([]);

    const a = await inbox(tokens.alice!);
    expect(a.unreadNotificationCount).toBe(1);
    expect(a.notifications.edges[0].node).toMatchObject({
      kind: 'LEAVE_DECIDED',
      links: { absenceId: 'x' },
      recipientStaffId: alice,
      recipientTeamId: null,
      readAt: null,
    });
    // Without a token: refused.
    expect(errorCode(await t.gql(INBOX, {}))).toBe('UNAUTHENTICATED');
  });

  it('pages newest first and filters unread', async () => {
    for (let i = 0; i < 3; i++) {
      await notify({
        kind: NotificationKind.ROTA_CHANGED,
        staffIds: [carol],
        title: `carol ${i}`,
        body: 'b',
      });
    }
    const first = await inbox(tokens.carol!, { first: 2 });
    expect(first.notifications.totalCount).toBe(3);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await inbox(tokens.carol!, { first: 2, after: first.notifications.pageInfo.endCursor });
    const order = [...first.notifications.edges, ...rest.notifications.edges].map((e: any) => e.node.title);
    expect(order).toEqual(['carol 2', 'carol 1', 'carol 0']);
    expect(errorCode(await t.gql(INBOX, { first: 0 }, tokens.carol))).toBe('BAD_USER_INPUT');
  });

  it('marks entries read: by id, or all; a team’s entry once for its managers; another’s id is NOT_FOUND', async () => {
    const mine = (await inbox(tokens.carol!)).notifications.edges.map((e: any) => e.node.id);
    const alices = (await inbox(tokens.alice!)).notifications.edges[0].node.id;
    const refused = await t.gql(MARK, { input: { ids: [mine[0], alices] } }, tokens.carol);
    expect(errorCode(refused)).toBe('NOT_FOUND');
    expect(refused.errors![0]!.extensions.field).toBe('input.ids[1]');
    expect((await inbox(tokens.alice!)).unreadNotificationCount).toBe(1);
    expect((await inbox(tokens.carol!)).unreadNotificationCount).toBe(3);
    expect(errorCode(await t.gql(MARK, { input: {} }, tokens.carol))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(MARK, { input: { ids: [mine[0]], all: true } }, tokens.carol))).toBe(
      'BAD_USER_INPUT',
    );

    const one = await t.gql(MARK, { input: { ids: [mine[0]] } }, tokens.carol);
    expect(one.data!.markNotificationsRead).toEqual({ marked: 1, unreadCount: 2 });
    const again = await t.gql(MARK, { input: { ids: [mine[0]] } }, tokens.carol);
    expect(again.data!.markNotificationsRead).toEqual({ marked: 0, unreadCount: 2 });
    const unread = await inbox(tokens.carol!, { unreadOnly: true });
    expect(unread.notifications.edges.map((e: any) => e.node.id)).toEqual(mine.slice(1));
    const all = await t.gql(MARK, { input: { all: true } }, tokens.carol);
    expect(all.data!.markNotificationsRead).toEqual({ marked: 2, unreadCount: 0 });

    // The team's entry, read by one manager, is read for the other (Bob as manager) too; Bob's own stays unread.
    const team = (await inbox(tokens.manager!)).notifications.edges[0].node.id;
    await t.gql(MARK, { input: { ids: [team] } }, tokens.manager);
    const b = await inbox(tokens.bobManager!, { unreadOnly: true });
    expect(b.notifications.edges.map((e: any) => e.node.title)).toEqual(['for bob']);
    const [row] = await t.ownerQuery(`SELECT read_by FROM notification WHERE id = $1`, [team]);
    expect(row!.read_by).toBeTruthy();
  });

  it('stores a reminder once per recipient and key (a second run, or a second instance, adds nothing)', async () => {
    for (let i = 0; i < 2; i++) {
      await notify({
        kind: NotificationKind.CREDENTIAL_EXPIRING,
        staffIds: [alice],
        teamIds: [w.teamId],
        title: 'expiring',
        body: 'b',
        dedupeKey: 'credential:x:30',
      });
    }
    const rows = await t.ownerQuery(`SELECT count(*)::int AS n FROM notification WHERE title = 'expiring'`);
    expect(rows[0]!.n).toBe(2);
    expect((await deliveries('expiring')).length).toBe(2);
  });

  it('a change that rolls back leaves neither inbox nor outbox rows', async () => {
    await expect(
      t.dataSource.transaction(async (em) => {
        await t.app.get(NotificationsService).notify(em, {
          kind: NotificationKind.ROTA_CHANGED,
          staffIds: [alice],
          title: 'rolled back',
          body: 'b',
        });
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    const rows = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM notification WHERE title = 'rolled back'`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await deliveries('rolled back')).toEqual([]);
  });

  it('publishing a rota tells everyone on it; a refused publish tells nobody; a change to it tells those moved', async () => {
    const rota = await createRota(t, w, '2027-05-03', '2027-05-04');
    const day1 = await addShift(t, w, rota.id, 'E', '2027-05-03', { minHeadcount: 2 });
    const day2 = await addShift(t, w, rota.id, 'E', '2027-05-04', { minHeadcount: 1 });
    const a1 = assignedOf(await t.gql(ASSIGN, { shift: day1.id, staff: alice }, w.manager));
    expect(a1.__typename).toBe('Assignment');
    // Drafts tell nobody.
    const ofRota = async () =>
      t.ownerQuery(
        `SELECT n.kind, n.recipient_staff_id AS staff, n.title FROM notification n
          WHERE n.links->>'rotaId' = $1 ORDER BY n.created_at, n.kind, n.recipient_staff_id`,
        [rota.id],
      );
    expect(await ofRota()).toEqual([]);

    // Refused (day 1 is short of its minimum): rolled back, nothing announced.
    const PUBLISH = `mutation($input: PublishRotaInput!) { publishRota(input: $input) { __typename } }`;
    const refused = await t.gql(PUBLISH, { input: { rotaId: rota.id } }, w.manager);
    expect(refused.data!.publishRota.__typename).toBe('RuleViolations');
    expect(await ofRota()).toEqual([]);

    expect(assignedOf(await t.gql(ASSIGN, { shift: day1.id, staff: bob }, w.manager)).__typename).toBe(
      'Assignment',
    );
    expect(assignedOf(await t.gql(ASSIGN, { shift: day2.id, staff: alice }, w.manager)).__typename).toBe(
      'Assignment',
    );
    const b2 = assignedOf(await t.gql(ASSIGN, { shift: day2.id, staff: bob }, w.manager));
    const published = await t.gql(PUBLISH, { input: { rotaId: rota.id } }, w.manager);
    expect(published.data!.publishRota.__typename).toBe('RotaEdit');
    const told = await ofRota();
    expect(told.map((r) => [r.kind, r.staff]).sort()).toEqual(
      [
        ['ROTA_PUBLISHED', alice],
        ['ROTA_PUBLISHED', bob],
      ].sort(),
    );
    expect((await titles(tokens.alice!)).some((s: string) => s.startsWith('Rota published'))).toBe(true);

    // Bob comes off day 2 (Alice still covers it), with a reason: only Bob hears.
    const UNASSIGN = `mutation($input: UnassignStaffInput!) { unassignStaff(input: $input) { __typename } }`;
    const un = await t.gql(
      UNASSIGN,
      { input: { assignmentId: b2.id, reason: 'Bob covers another ward' } },
      w.manager,
    );
    expect(un.data!.unassignStaff.__typename).toBe('RotaEdit');
    const changed = (await ofRota()).filter((r) => r.kind === 'ROTA_CHANGED');
    expect(changed.map((r) => r.staff)).toEqual([bob]);
    // Carol, added to day 2 (her team is not the rota's, so the manager's rules may refuse: the refusal tells
    // nobody either way).
    const c = assignedOf(await t.gql(ASSIGN, { shift: day2.id, staff: carol, reason: 'cover' }, w.manager));
    const after = (await ofRota()).filter((r) => r.kind === 'ROTA_CHANGED').map((r) => r.staff);
    expect(after).toEqual(c.__typename === 'Assignment' ? [bob, carol] : [bob]);
  });

  it('leave decisions tell the person, without the kind of leave', async () => {
    const asked = await t.gql(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      { input: { staffId: alice, kind: 'SICKNESS', startDate: '2027-06-01', endDate: '2027-06-02' } },
      w.manager,
    );
    expect(asked.errors).toBeUndefined();
    const id = asked.data!.requestAbsence.id;
    const decided = await t.gql(
      `mutation($input: DecideAbsenceInput!) { decideAbsence(input: $input) { status } }`,
      { input: { absenceId: id, decision: 'APPROVE' } },
      w.manager,
    );
    expect(decided.errors).toBeUndefined();
    const entry = (await inbox(tokens.alice!)).notifications.edges
      .map((e: any) => e.node)
      .find((n: any) => n.links.absenceId === id);
    expect(entry).toMatchObject({ kind: 'LEAVE_DECIDED' });
    expect(`${entry.title} ${entry.body}`).not.toMatch(/sick/i);
    // Deciding again is refused (CONFLICT) and tells nobody again.
    await t.gql(
      `mutation($input: DecideAbsenceInput!) { decideAbsence(input: $input) { status } }`,
      { input: { absenceId: id, decision: 'REJECT' } },
      w.manager,
    );
    const rows = await t.ownerQuery(
      `SELECT count(*)::int AS n FROM notification WHERE links->>'absenceId' = $1`,
      [id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('placement decisions tell the other side’s team each time, and the person once it is settled', async () => {
    const council = await insertOrganisation(t.dataSource, { name: 'Notified Council' });
    const host = await insertTeam(t.dataSource, council.id, { name: 'Reablement' });
    const hostManager = await t.token({
      roles: [Role.MANAGER],
      organisationIds: [council.id],
      teamIds: [host.id],
    });
    const today = localDateOf(new Date(), 'UTC');
    const asked = await t.gql(
      `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id status } }`,
      {
        input: {
          hostTeamId: host.id,
          kind: 'ROTATION',
          startDate: addDays(today, 10),
          endDate: addDays(today, 40),
          hoursPerWeek: 22.5,
          reason: 'Discharge-to-assess experience',
        },
      },
      tokens.alice,
    );
    if (asked.errors) throw new Error(JSON.stringify(asked.errors));
    const id = asked.data!.requestPlacement.id;
    const DECIDE = `mutation($input: DecidePlacementInput!) { decidePlacement(input: $input) { status } }`;
    const ofPlacement = async () =>
      t.ownerQuery(
        `SELECT recipient_staff_id AS staff, recipient_team_id AS team, title FROM notification
          WHERE kind = 'PLACEMENT_DECIDED' AND links->>'placementId' = $1 ORDER BY created_at, id`,
        [id],
      );
    const home = await t.gql(
      DECIDE,
      { input: { placementId: id, side: 'HOME', decision: 'APPROVE' } },
      w.manager,
    );
    expect(home.errors).toBeUndefined();
    expect((await ofPlacement()).map((r) => r.team ?? r.staff)).toEqual([host.id]);
    const hosted = await t.gql(
      DECIDE,
      { input: { placementId: id, side: 'HOST', decision: 'APPROVE' } },
      hostManager,
    );
    expect(hosted.data!.decidePlacement.status).toBe('APPROVED');
    const told = await ofPlacement();
    expect(told.map((r) => r.team ?? r.staff).sort()).toEqual([host.id, w.teamId, alice].sort());
    expect(told.find((r) => r.staff === alice)!.title).toBe('Your placement at Reablement was approved');
    // The host's manager reads it in their team's inbox.
    expect(
      (await titles(hostManager)).some((x: string) => x.startsWith('Placement approved by the home side')),
    ).toBe(true);
  });

  it('reminds the person and their home team of credentials expiring in 60, 30 and 7 days, once per threshold', async () => {
    const reminders = t.app.get(CredentialReminders);
    const skill = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
    const other = await skillId(t.dataSource, 'CSTF_FIRE_SAFETY');
    const cred = (expiresOn: string, extra: Record<string, unknown> = {}) =>
      insertCredential(t.dataSource, {
        staffId: alice,
        skillId: skill,
        verifiedByOrganisationId: w.orgId,
        expiresOn,
        ...extra,
      });
    const soon = await cred('2031-02-25'); // 55 days after 2031-01-01: the 60-day reminder
    const fire = await insertCredential(t.dataSource, {
      staffId: alice,
      skillId: other,
      verifiedByOrganisationId: w.orgId,
      expiresOn: '2031-01-05', // 4 days: the 7-day reminder
    });
    await insertCredential(t.dataSource, {
      staffId: bob,
      skillId: other,
      verifiedByOrganisationId: w.orgId,
      expiresOn: '2031-01-06',
      revokedAt: new Date(),
      revocationReason: 'withdrawn',
    });
    await insertCredential(t.dataSource, {
      staffId: bob,
      skillId: skill,
      verifiedByOrganisationId: w.orgId,
      expiresOn: '2031-01-20',
    });
    // Bob's is replaced by a newer one: no reminder.
    await insertCredential(t.dataSource, {
      staffId: bob,
      skillId: skill,
      verifiedByOrganisationId: w.orgId,
      obtainedOn: '2030-12-01',
      expiresOn: '2034-01-20',
    });
    const told = async () =>
      t.ownerQuery(
        `SELECT links->>'credentialId' AS credential, recipient_staff_id AS staff, recipient_team_id AS team,
                dedupe_key FROM notification WHERE kind = 'CREDENTIAL_EXPIRING' AND links ? 'credentialId'
          ORDER BY dedupe_key, staff NULLS LAST`,
      );
    await reminders.run('2031-01-01');
    await reminders.run('2031-01-01'); // a second run (or instance) the same day
    const first = await told();
    expect(first.map((r) => [r.credential, r.staff ?? r.team])).toEqual(
      expect.arrayContaining([
        [soon.id, alice],
        [soon.id, w.teamId],
        [fire.id, alice],
        [fire.id, w.teamId],
      ]),
    );
    expect(first).toHaveLength(4);
    expect(first.find((r) => r.credential === soon.id)!.dedupe_key).toBe(
      `credential-expiring:${soon.id}:60:2031-02-25`,
    );
    // A month on: the 30-day reminder for the first; the fire-safety one has expired (nothing more).
    await reminders.run('2031-01-31');
    const later = await told();
    expect(later).toHaveLength(6);
    expect(later.filter((r) => r.dedupe_key.includes(':30:')).map((r) => r.credential)).toEqual([
      soon.id,
      soon.id,
    ]);
    // The manager's inbox shows them; Alice's too.
    expect((await titles(tokens.manager!)).filter((x: string) => x.includes('expires')).length).toBe(3);
  });

  it('runs the reminders as a job on the shared queue, scheduled daily by cron', async () => {
    const schedules = await t.ownerQuery(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
    expect(schedules).toEqual(
      expect.arrayContaining([
        { name: 'credential-reminders', cron: '0 6 * * *' },
        { name: 'notification-delivery', cron: '* * * * *' },
      ]),
    );
    const skill = await skillId(t.dataSource, 'CSTF_IPC_L1');
    const today = localDateOf(new Date(), 'UTC');
    const c = await insertCredential(t.dataSource, {
      staffId: carol,
      skillId: skill,
      verifiedByOrganisationId: w.orgId,
      expiresOn: addDays(today, 20),
    });
    await t.app.get(JobQueue).send(CREDENTIAL_REMINDERS_QUEUE, {});
    await until('the reminder job', async () => {
      const rows = await t.ownerQuery(`SELECT 1 FROM notification WHERE links->>'credentialId' = $1`, [c.id]);
      return rows.length === 2;
    });
    const entry = (await inbox(tokens.carol!)).notifications.edges
      .map((e: any) => e.node)
      .find((n: any) => n.links.credentialId === c.id);
    expect(entry.kind).toBe('CREDENTIAL_EXPIRING');
    expect(entry.title).toContain('in 20 days');
  });

  it('delivers every outbox row to the webhook once, signed, with a stable delivery id', async () => {
    await until('every delivery sent', async () => {
      const [row] = await t.ownerQuery(
        `SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'PENDING'`,
      );
      return row!.n === 0;
    });
    const rows = await t.ownerQuery(
      `SELECT d.id, d.status, d.attempts, d.channel, n.title, n.kind FROM notification_delivery d
         JOIN notification n ON n.id = d.notification_id`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'DELIVERED', attempts: 1, channel: 'WEBHOOK' });
      const got = hook.received.filter((r) => r.deliveryId === row.id);
      expect(got).toHaveLength(1);
      expect(got[0]!.signed).toBe(true);
      expect(got[0]!.body).toMatchObject({ deliveryId: row.id, title: row.title, kind: row.kind });
    }
    // Nothing was sent that is not in the outbox.
    expect(new Set(hook.received.map((r) => r.deliveryId))).toEqual(new Set(rows.map((r) => r.id)));
    // A receiver checking with the wrong secret, or a changed body, refuses it.
    const one = hook.received[0]!;
    expect(verifyWebhook('another-secret-of-some-length', undefined, JSON.stringify(one.body))).toBe(false);
  });

  it('retries a failed delivery with exponential back-off, and gives up (FAILED, kept) after the last attempt', async () => {
    flaky.add('flaky');
    broken.add('broken');
    await notify({ kind: NotificationKind.ROTA_CHANGED, staffIds: [alice], title: 'flaky', body: 'b' });
    await notify({ kind: NotificationKind.ROTA_CHANGED, staffIds: [alice], title: 'broken', body: 'b' });
    await until('flaky delivered and broken given up', async () => {
      const [f] = await deliveries('flaky');
      const [b] = await deliveries('broken');
      return f?.status === 'DELIVERED' && b?.status === 'FAILED';
    });
    const [f] = await deliveries('flaky');
    expect(f).toMatchObject({ attempts: 3, status: 'DELIVERED', last_error: null });
    const tries = hook.received.filter((r) => r.deliveryId === f!.id);
    expect(tries.map((r) => r.status)).toEqual([500, 500, 200]);
    // Waits of at least 1 s, then 2 s (the base, doubled): lower bounds, which a slow machine only lengthens.
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(950);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(1_950);
    const [b] = await deliveries('broken');
    expect(b).toMatchObject({ attempts: 3, status: 'FAILED', last_error: 'webhook answered HTTP 500' });
    expect(hook.received.filter((r) => r.deliveryId === b!.id)).toHaveLength(3);
  });

  it('a delivery leased by a worker that died is taken again once its lease has passed, and sent once', async () => {
    const delivery = t.app.get(NotificationDelivery);
    await t.dataSource.transaction(async (em) => {
      await t.app.get(NotificationsService).notify(em, {
        kind: NotificationKind.ROTA_CHANGED,
        staffIds: [alice],
        title: 'orphaned',
        body: 'b',
      });
      // A worker claimed it, committed its lease, and died before sending (in this transaction, so no live
      // worker gets there first).
      await em.query(
        `UPDATE notification_delivery d SET attempts = 1, claimed_until = now() + interval '2 seconds'
           FROM notification n WHERE n.id = d.notification_id AND n.title = 'orphaned'`,
      );
    });
    const [leased] = await deliveries('orphaned');
    // While the lease holds, nobody takes it.
    const [held] = await t.ownerQuery(
      `SELECT claimed_until > now() AS held FROM notification_delivery WHERE id = $1`,
      [leased!.id],
    );
    if (held!.held) {
      await delivery.deliverBatch();
      expect(hook.received.filter((r) => r.deliveryId === leased!.id)).toHaveLength(0);
    }
    await until('the orphaned delivery sent', async () => {
      await delivery.drain();
      return (await deliveries('orphaned'))[0]!.status === 'DELIVERED';
    });
    expect(hook.received.filter((r) => r.deliveryId === leased!.id)).toHaveLength(1);
    expect((await deliveries('orphaned'))[0]).toMatchObject({ attempts: 2 });
  });

  it('forgets deliveries sent more than 30 days ago, keeping their inbox entries and every failed one', async () => {
    const [old] = await deliveries('flaky');
    const [failed] = await deliveries('broken');
    await t.ownerQuery(
      `UPDATE notification_delivery SET delivered_at = now() - interval '31 days' WHERE id = $1`,
      [old!.id],
    );
    await t.ownerQuery(
      `UPDATE notification_delivery SET created_at = now() - interval '90 days' WHERE id = $1`,
      [failed!.id],
    );
    expect(await t.app.get(NotificationDelivery).purge()).toBe(1);
    expect(await deliveries('flaky')).toEqual([]);
    expect(await deliveries('broken')).toHaveLength(1);
    const [entry] = await t.ownerQuery(`SELECT count(*)::int AS n FROM notification WHERE title = 'flaky'`);
    expect(entry!.n).toBe(1);
  });

  it('two delivery workers on one database never send one row twice', async () => {
    // PostgreSQL: a second instance on the same database; embedded (one process): two more drains at once.
    const second =
      t.config.database.kind === 'postgres'
        ? await startTestApp({ notifications: t.config.notifications }, { sameDatabaseAs: t })
        : undefined;
    try {
      const workers = [t, second ?? t].map((app) => app.app.get(NotificationDelivery));
      for (let i = 0; i < 40; i++) {
        await notify({ kind: NotificationKind.ROTA_CHANGED, staffIds: [bob], title: `race ${i}`, body: 'b' });
      }
      await Promise.all([...workers.map((d) => d.deliverBatch()), ...workers.map((d) => d.drain())]);
      await until('all race deliveries sent', async () => {
        const [row] = await t.ownerQuery(
          `SELECT count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
            WHERE n.title LIKE 'race %' AND d.status = 'DELIVERED'`,
        );
        return row!.n === 40;
      });
      const ids = await t.ownerQuery(
        `SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
          WHERE n.title LIKE 'race %'`,
      );
      for (const { id } of ids) expect(hook.received.filter((r) => r.deliveryId === id)).toHaveLength(1);
    } finally {
      await second?.close();
    }
  });
});
