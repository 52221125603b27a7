import { Role } from '../../src/common/auth/actor.js';
import { ComplianceRefreshJob } from '../../src/modules/checks/compliance-refresh.job.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import { insertStaff } from '../fixtures/factories.js';
import { addShift, ASSIGN, assignedOf, createRota, publish, rotaWorld } from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('scheduled compliance refresh (on the shared queue)', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('checks again the published rotas a change marked stale, and is scheduled once on the queue', async () => {
    t = await startTestApp();
    const w = await rotaWorld(t, 'Refresh');
    const nurse = await insertStaff(t.dataSource, w.orgId, {
      homeTeamId: w.teamId,
      contractedHoursPerWeek: 0,
    });
    const day = addDays(localDateOf(new Date()), 10);
    const rota = await createRota(t, w, day, addDays(day, 6));
    const shift = await addShift(t, w, rota.id, 'E', day);
    expect(assignedOf(await t.gql(ASSIGN, { shift: shift.id, staff: nurse.id }, w.manager)).__typename).toBe(
      'Assignment',
    );
    await publish(t, w.manager, rota.id);
    const stored = async () =>
      (
        await t.dataSource.query(
          `SELECT rule_code FROM rota_violation WHERE rota_id = $1 AND rule_code = 'ON_ABSENCE'`,
          [rota.id],
        )
      ).length;
    expect(await stored()).toBe(0);

    // Sick leave approved over her shift: the triggers mark the rota stale; the job stores its new compliance.
    const hr = await t.token({ roles: [Role.HR], organisationIds: [w.orgId] });
    const requested = await t.gql(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      { input: { staffId: nurse.id, kind: 'SICKNESS', startDate: day, endDate: day } },
      hr,
    );
    const approved = await t.gql(
      `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE }) { status } }`,
      { id: requested.data!.requestAbsence.id },
      w.manager,
    );
    expect(approved.data!.decideAbsence.status).toBe('APPROVED');
    const stale = async () =>
      (await t.dataSource.query(`SELECT 1 FROM compliance_refresh WHERE rota_id = $1`, [rota.id])).length;
    expect(await stale()).toBe(1);

    expect(await t.app.get(ComplianceRefreshJob).run()).toBeGreaterThanOrEqual(1);
    expect(await stale()).toBe(0);
    expect(await stored()).toBe(1);
    expect(await t.app.get(ComplianceRefreshJob).run()).toBe(0);

    const schedules = await t.ownerQuery(
      `SELECT cron FROM pgboss.schedule WHERE name = 'compliance-refresh'`,
    );
    expect(schedules).toEqual([{ cron: '*/10 * * * *' }]);
  });
});
