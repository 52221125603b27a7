import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { insertOrganisation, insertStaff } from '../fixtures/factories.js';
import { addShift, ASSIGN, createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const EVENTS = `query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id actor { id name } actorRoles requestId operation action entity entityId organisationIds before after } } } }`;

describe('audit trail', () => {
  let t: TestApp;
  let w: RotaWorld;
  let hr: string;
  let admin: string;

  /** A GraphQL call with our own request id, so its audit events can be found. */
  const call = async (query: string, variables: object, bearer: string, requestId: string) => {
    const res = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${bearer}`)
      .set('x-request-id', requestId)
      .send({ query, variables });
    expect(res.headers['x-request-id']).toBe(requestId);
    return res.body;
  };
  const eventsOf = (requestId: string) =>
    t.dataSource.query(
      `SELECT actor, actor_roles, operation, action, entity, entity_id, organisation_ids, before, after
         FROM audit_event WHERE request_id = $1 ORDER BY id`,
      [requestId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Audit');
    hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId], name: 'Hana Reid' });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('records every row a write touches, with who, the request and the operation, in the same transaction', async () => {
    const person = await insertStaff(t.dataSource, w.orgId, { contractedHoursPerWeek: 0 });
    const rota = await createRota(t, w, '2026-09-07', '2026-09-13');
    const shift = await addShift(t, w, rota.id, 'E', '2026-09-07');
    const res = await call(ASSIGN, { shift: shift.id, staff: person.id }, w.manager, 'audit-assign-1');
    expect(res.data.assignStaff.__typename).toBe('RotaEdit');
    const events = await eventsOf('audit-assign-1');
    expect(events.map((e: any) => `${e.action} ${e.entity}`)).toEqual(['INSERT assignment', 'UPDATE rota']);
    for (const e of events) {
      expect(e).toMatchObject({
        actor: expect.stringMatching(/^test-user-/),
        actor_roles: ['MANAGER'],
        operation: 'Mutation.assignStaff',
      });
      expect(e.organisation_ids).toEqual([w.orgId]);
    }
    expect(events[0]).toMatchObject({ entity_id: res.data.assignStaff.assignments[0].id, before: null });
    expect(events[0].after).toMatchObject({ staff_id: person.id, shift_id: shift.id, basis: 'EMPLOYMENT' });
    // An update records the changed fields only.
    expect(events[1].before).toEqual({ version: rota.version + 1 });
    expect(events[1].after).toEqual({ version: rota.version + 2 });
  });

  it('keeps override reasons, and a publication with its waived rules', async () => {
    const rota = await createRota(t, w, '2026-09-14', '2026-09-20');
    await addShift(t, w, rota.id, 'E', '2026-09-14');
    const published = await call(
      `mutation($id: ID!) { publishRota(input: { rotaId: $id, override: { reason: "Agency nurse booked", ruleCodes: [COVER_MIN_HEADCOUNT] } }) { __typename } }`,
      { id: rota.id },
      w.manager,
      'audit-publish-1',
    );
    expect(published.data.publishRota.__typename).toBe('RotaEdit');
    const events = await eventsOf('audit-publish-1');
    const override = events.find((e: any) => e.entity === 'rule_override');
    expect(override.after).toMatchObject({
      rule_code: 'COVER_MIN_HEADCOUNT',
      reason: 'Agency nurse booked',
      rota_id: rota.id,
    });
    const publication = events.find((e: any) => e.entity === 'rota' && e.action === 'UPDATE');
    expect(publication.after).toMatchObject({ status: 'PUBLISHED' });
    expect(publication.before).toMatchObject({ status: 'DRAFT', published_at: null });
    // The stored violations are derived data, not audited row by row.
    expect(events.some((e: any) => e.entity === 'rota_violation')).toBe(false);
  });

  it('records nothing for a refused write or a failed one', async () => {
    const rota = await createRota(t, w, '2026-09-21', '2026-09-27');
    await addShift(t, w, rota.id, 'E', '2026-09-21');
    const refused = await call(
      `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
      { id: rota.id },
      w.manager,
      'audit-refused-1',
    );
    expect(refused.data.publishRota.__typename).toBe('RuleViolations');
    expect(await eventsOf('audit-refused-1')).toEqual([]);
    const bad = await call(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
      { input: { organisationId: w.orgId, name: 'Bad zone', kind: 'WARD', timeZone: 'Mars/Olympus' } },
      hr,
      'audit-failed-1',
    );
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await eventsOf('audit-failed-1')).toEqual([]);
  });

  it('is append-only, in the database: for the service’s role (no privilege) and for its owner (triggers)', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM audit_event ORDER BY id LIMIT 1`);
    for (const sql of [
      `UPDATE audit_event SET actor = 'someone else' WHERE id = ${id}`,
      `DELETE FROM audit_event WHERE id = ${id}`,
      `TRUNCATE audit_event`,
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied/);
      await expect(t.ownerQuery(sql)).rejects.toThrow(/append-only/);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE id = ${id}`);
    expect(n).toBe(1);
  });

  it('never stores calendar-feed secrets', async () => {
    const person = await insertStaff(t.dataSource, w.orgId);
    const staff = await t.token({ roles: [Role.STAFF], organisationIds: [w.orgId], staffId: person.id });
    const issued = await call(`mutation { issueCalendarFeed { token } }`, {}, staff, 'audit-calendar-1');
    const events = await eventsOf('audit-calendar-1');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(issued.data.issueCalendarFeed.token);
    expect(events[0].after.token_hash).toBeUndefined();
  });

  it('is queryable by HR for their organisations (filters, newest first, paged) and by ADMIN for all', async () => {
    const other = await insertOrganisation(t.dataSource, {
      name: 'Elsewhere Care',
      kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
      sector: Sector.SOCIAL_CARE,
    });
    const outsider = await t.token({ roles: [Role.HR], organisationIds: [other.id] });
    await call(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`,
      { input: { organisationId: w.orgId, odsCode: 'RX1' } },
      hr,
      'audit-org-1',
    );
    const mine = (await t.gql(EVENTS, { filter: { requestId: 'audit-org-1' } }, hr)).data!.auditEvents;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({
      actor: { id: expect.any(String), name: 'Hana Reid' },
      actorRoles: ['HR'],
      operation: 'Mutation.updateOrganisation',
      action: 'UPDATE',
      entity: 'organisation',
      entityId: w.orgId,
      before: { ods_code: null },
      after: { ods_code: 'RX1' },
    });
    expect(
      (await t.gql(EVENTS, { filter: { requestId: 'audit-org-1' } }, outsider)).data!.auditEvents.totalCount,
    ).toBe(0);
    expect(errorCode(await t.gql(EVENTS, { filter: { organisationId: w.orgId } }, outsider))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(EVENTS, {}, w.manager))).toBe('FORBIDDEN');

    const all = (await t.gql(EVENTS, { first: 3 }, admin)).data!.auditEvents;
    expect(all.edges).toHaveLength(3);
    const ids = all.edges.map((e: any) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const next = (await t.gql(EVENTS, { first: 3, after: all.pageInfo.endCursor }, admin)).data!.auditEvents;
    expect(Number(next.edges[0].node.id)).toBeLessThan(ids[2]!);
    const assignments = (await t.gql(EVENTS, { filter: { entity: 'assignment', action: 'INSERT' } }, hr))
      .data!.auditEvents;
    expect(assignments.totalCount).toBeGreaterThanOrEqual(1);
    expect(assignments.edges.every((e: any) => e.node.entity === 'assignment')).toBe(true);
  });
});
