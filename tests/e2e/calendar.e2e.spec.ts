import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import { insertStaff } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const ISSUE = `mutation($staff: ID) { issueCalendarFeed(input: { staffId: $staff }) { staffId token url issuedAt } }`;
const REVOKE = `mutation($staff: ID) { revokeCalendarFeed(input: { staffId: $staff }) }`;

/** Parses a feed with ical.js, registering its VTIMEZONEs so local times convert to instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((c) => ({
      uid: c.getFirstPropertyValue('uid') as string,
      status: c.getFirstPropertyValue('status') as string,
      sequence: Number(c.getFirstPropertyValue('sequence')),
      summary: c.getFirstPropertyValue('summary') as string,
      tzid: c.getFirstProperty('dtstart')!.getParameter('tzid'),
      start: (c.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
      end: (c.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate(),
    })),
  };
}

/** The Saturday before the next clock change in Europe/London at least a week away (a night across it). */
function nightBeforeClockChange(today: string): string {
  let day = DateTime.fromISO(addDays(today, 7), { zone: 'Europe/London' }).set({ hour: 12 });
  while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
  return day.toISODate()!; // noon Saturday and noon Sunday differ: the change is in that night
}

describe('calendar feed (iCalendar over HTTP)', () => {
  let t: TestApp;
  let w: RotaWorld;
  let staffId: string;
  let staffToken: string;
  const today = localDateOf(new Date());
  const early = addDays(today, 3);
  const night = nightBeforeClockChange(today);
  const assignmentIds: Record<string, string> = {};
  let shiftTimes: Record<string, { startsAt: string; endsAt: string }> = {};

  const feed = (url: string) => {
    const u = new URL(url);
    return request(t.http).get(`${u.pathname}${u.search}`);
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Calendar');
    const person = await insertStaff(t.dataSource, w.orgId, { contractedHoursPerWeek: 0 });
    staffId = person.id;
    staffToken = await t.token({ roles: [Role.STAFF], organisationIds: [w.orgId], staffId });
    // A published rota with an early, a night across the clock change and an early removed after publication;
    // a draft rota's shift stays out of the feed.
    const rota = await createRota(t, w, addDays(today, 1), addDays(night, 3));
    const e1 = await addShift(t, w, rota.id, 'E', early);
    const n1 = await addShift(t, w, rota.id, 'N', night);
    const e2 = await addShift(t, w, rota.id, 'E', addDays(early, 1));
    shiftTimes = { early: e1, night: n1, removed: e2 };
    for (const [name, shift] of Object.entries({ early: e1, night: n1, removed: e2 })) {
      const res = await t.gql(ASSIGN, { shift: shift.id, staff: staffId }, w.manager);
      expect(assignedOf(res).__typename).toBe('Assignment');
      assignmentIds[name] = assignedOf(res).id;
    }
    const published = await t.gql(
      `mutation($id: ID!) { publishRota(input: { rotaId: $id, override: { reason: "Test rota", ruleCodes: [COVER_MIN_HEADCOUNT] } }) { __typename } }`,
      { id: rota.id },
      w.manager,
    );
    expect(published.data!.publishRota.__typename).toBe('RotaEdit');
    const removed = await t.gql(
      `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id, reason: "Annual leave", override: { ruleCodes: [COVER_MIN_HEADCOUNT], reason: "Cover arranged by phone" } }) { __typename } }`,
      { id: assignmentIds.removed },
      w.manager,
    );
    expect(removed.data!.unassignStaff.__typename).toBe('RotaEdit');
    const draft = await createRota(t, w, addDays(night, 4), addDays(night, 10));
    const d1 = await addShift(t, w, draft.id, 'E', addDays(night, 5));
    await t.gql(ASSIGN, { shift: d1.id, staff: staffId }, w.manager);
  });
  afterAll(() => t.close());

  it('serves the published shifts with the team’s zone, stable UIDs and cancelled ones marked', async () => {
    const issued = (await t.gql(ISSUE, {}, staffToken)).data!.issueCalendarFeed;
    expect(issued.staffId).toBe(staffId);
    expect(issued.url).toMatch(new RegExp(`/calendar/${staffId}\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
    const res = await feed(issued.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const { calendar, events } = parse(res.text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/London',
    ]);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual(
      [assignmentIds.early, assignmentIds.night, assignmentIds.removed].map((id) => `${id}@tandem`).sort(),
    );
    const e = byUid.get(`${assignmentIds.early}@tandem`)!;
    expect(e).toMatchObject({ status: 'CONFIRMED', tzid: 'Europe/London' });
    expect(e.start.toISOString()).toBe(new Date(shiftTimes.early!.startsAt).toISOString());
    expect(e.end.toISOString()).toBe(new Date(shiftTimes.early!.endsAt).toISOString());
    const n = byUid.get(`${assignmentIds.night}@tandem`)!;
    expect(n.start.toISOString()).toBe(new Date(shiftTimes.night!.startsAt).toISOString());
    // 20:00 to 08:00 local across the change: 13 hours in autumn, 11 in spring.
    const hours = (n.end.getTime() - n.start.getTime()) / 3_600_000;
    expect(hours).toBe(DateTime.fromISO(night, { zone: 'Europe/London' }).month === 10 ? 13 : 11);
    expect(byUid.get(`${assignmentIds.removed}@tandem`)).toMatchObject({
      status: 'CANCELLED',
      summary: expect.stringMatching(/^Cancelled: /),
    });

    // A second download after a change: the same UIDs, the sequence moved on.
    const again = parse((await feed(issued.url)).text).events;
    expect(again.map((x) => x.uid).sort()).toEqual([...byUid.keys()].sort());
  });

  it('names the team’s zone as the VTIMEZONE it sends, however the zone was typed or stored', async () => {
    const issued = (await t.gql(ISSUE, {}, staffToken)).data!.issueCalendarFeed;
    const zonesOf = async () => {
      const { calendar, events } = parse((await feed(issued.url)).text);
      return {
        vtimezones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
        tzids: [...new Set(events.map((e) => e.tzid))],
      };
    };
    const expected = { vtimezones: ['Europe/London'], tzids: ['Europe/London'] };
    try {
      const typed = await t.gql(
        `mutation($id: ID!) { updateTeam(input: { teamId: $id, timeZone: "europe/london" }) { timeZone } }`,
        { id: w.teamId },
        await t.adminToken(),
      );
      expect(typed.data!.updateTeam.timeZone).toBe('Europe/London');
      expect(await zonesOf()).toEqual(expected);
      // A row stored before zones were canonicalised.
      await t.dataSource.query(`UPDATE team SET time_zone = 'europe/london' WHERE id = $1`, [w.teamId]);
      expect(await zonesOf()).toEqual(expected);
    } finally {
      await t.dataSource.query(`UPDATE team SET time_zone = 'Europe/London' WHERE id = $1`, [w.teamId]);
    }
  });

  it('moves the sequence on when the rota changes, keeping the UIDs', async () => {
    const issued = (await t.gql(ISSUE, {}, staffToken)).data!.issueCalendarFeed;
    const before = parse((await feed(issued.url)).text).events;
    const [{ shift_id: shiftId }] = await t.dataSource.query(
      `SELECT shift_id FROM assignment WHERE id = $1`,
      [assignmentIds.early],
    );
    const changed = await t.gql(
      `mutation($id: ID!) { updateShift(input: { shiftId: $id, targetHeadcount: 2, reason: "Busy day" }) { __typename } }`,
      { id: shiftId },
      w.manager,
    );
    expect(changed.errors).toBeUndefined();
    const after = parse((await feed(issued.url)).text).events;
    expect(after.map((x) => x.uid).sort()).toEqual(before.map((x) => x.uid).sort());
    expect(after[0]!.sequence).toBeGreaterThan(before[0]!.sequence);
  });

  it('works only with the current token for that person: replaced and revoked links are UNAUTHENTICATED', async () => {
    const first = (await t.gql(ISSUE, {}, staffToken)).data!.issueCalendarFeed;
    const second = (await t.gql(ISSUE, {}, staffToken)).data!.issueCalendarFeed;
    const old = await feed(first.url);
    expect([old.status, old.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await feed(second.url)).status).toBe(200);
    const token = new URL(second.url).searchParams.get('token');
    const other = await insertStaff(t.dataSource, w.orgId);
    const wrongPerson = await request(t.http).get(`/calendar/${other.id}.ics`).query({ token });
    expect(wrongPerson.status).toBe(401);
    const apiToken = await request(t.http).get(`/calendar/${staffId}.ics`).query({ token: staffToken });
    expect(apiToken.status).toBe(401);
    expect((await request(t.http).get(`/calendar/${staffId}.ics`)).status).toBe(401);
    expect((await request(t.http).get(`/calendar/not-an-id.ics`).query({ token })).status).toBe(404);
    expect((await t.gql(REVOKE, {}, staffToken)).data!.revokeCalendarFeed).toBe(true);
    expect((await feed(second.url)).status).toBe(401);
    expect((await t.gql(REVOKE, {}, staffToken)).data!.revokeCalendarFeed).toBe(false);
    const rows = await t.dataSource.query(`SELECT token_hash FROM calendar_token WHERE staff_id = $1`, [
      staffId,
    ]);
    expect(rows.every((r: { token_hash: string }) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(rows.some((r: { token_hash: string }) => r.token_hash === token)).toBe(false);
  });

  it('is issued by the person or their employer’s HR only', async () => {
    const colleague = await insertStaff(t.dataSource, w.orgId);
    const colleagueToken = await t.token({
      roles: [Role.STAFF],
      organisationIds: [w.orgId],
      staffId: colleague.id,
    });
    expect(errorCode(await t.gql(ISSUE, { staff: staffId }, colleagueToken))).toBe('FORBIDDEN');
    const hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId] });
    expect((await t.gql(ISSUE, { staff: staffId }, hr)).data!.issueCalendarFeed.staffId).toBe(staffId);
    expect(errorCode(await t.gql(ISSUE, {}, hr))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(ISSUE, { staff: staffId }, w.manager))).toBe('FORBIDDEN');
  });
});
