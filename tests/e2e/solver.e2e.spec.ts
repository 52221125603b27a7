import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../../src/common/auth/actor.js';
import { insertOrganisation, insertStaff, insertTeam } from '../fixtures/factories.js';
import { addShift, createRota, publish, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const RUN = `
  id rotaId status rotaVersion stale error
  options { seconds seed maxMoves lockedAssignmentIds ruleWeights { ruleCode weight } }
  progress { hardCount softPenalty moves movesPerSecond elapsedSeconds }
  proposal {
    hardCount softPenalty weightedSoftPenalty moves
    assignments { shiftId staffId staff { id } shift { id localDate } }
    violations { ruleCode severity staffId shiftIds penalty }
    diff {
      added { shiftId staffId } removedAssignmentIds unchanged
      violationsResolved { ruleCode staffId shiftIds } violationsIntroduced { ruleCode staffId shiftIds }
    }
  }
  requestedBy { id } decidedBy { id } startedAt finishedAt`;

const SOLVE = `mutation Solve($input: SolveRotaInput!) { solveRota(input: $input) { ${RUN} } }`;
const GET = `query Run($id: ID!) { solveRun(id: $id) { ${RUN} } }`;
const CANCEL = `mutation Cancel($input: SolveRunInput!) { cancelSolveRun(input: $input) { ${RUN} } }`;
const DISCARD = `mutation Discard($input: SolveRunInput!) { discardSolveRun(input: $input) { ${RUN} } }`;
const APPLY = `mutation Apply($input: ApplySolveRunInput!) {
  applySolveRun(input: $input) {
    __typename
    ... on RotaEdit { rota { id version } assignments { id shiftId staffId } removedAssignmentIds warnings { ruleCode severity } }
    ... on RuleViolations { hardCount message violations { ruleCode } }
  }
}`;
const ROTA = `query Rota($id: ID!) { rota(id: $id) {
  id version status
  shifts { id localDate minHeadcount assignments { id staffId } }
  changes { operation reason version }
} }`;
const CHECK = `query Check($id: ID!) { checkRota(rotaId: $id) { hardCount softPenalty violations { ruleCode } } }`;

const pairs = (xs: Array<{ shiftId: string; staffId: string }>) =>
  xs.map((a) => `${a.shiftId}|${a.staffId}`).sort();

describe('automatic rostering: a job on the queue, a proposal, applied through the write path (GraphQL)', () => {
  let t: TestApp;
  let w: RotaWorld;
  let rotaId: string;
  let staff: string[];
  let lockedId: string;
  let lockedPair: string;
  let absent: string;
  const absentDays = ['2027-03-03', '2027-03-04'];

  const ok = async (query: string, variables: Record<string, unknown>, token = w.manager) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const solve = async (input: Record<string, unknown>) =>
    (await ok(SOLVE, { input: { rotaId, ...input } })).solveRota;
  const get = async (id: string) => (await ok(GET, { id })).solveRun;
  /** Polls a run until it leaves QUEUED/RUNNING: bounded by the number of polls, not by the clock. */
  const finished = async (id: string) => {
    for (let i = 0; i < 3_000; i++) {
      const run = await get(id);
      if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return run;
      await sleep(100);
    }
    throw new Error(`run ${id} did not finish`);
  };
  const shiftsOf = async (id: string) => (await ok(ROTA, { id })).rota;

  beforeAll(async () => {
    t = await startTestApp({ solver: { workers: 1, maxSeconds: 120 } });
    w = await rotaWorld(t, 'Solver');
    staff = [];
    for (let i = 0; i < 7; i++) {
      staff.push((await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId })).id);
    }
    rotaId = (await createRota(t, w, '2027-03-01', '2027-03-07')).id;
    const shiftIds: string[] = [];
    for (const date of ['01', '02', '03', '04', '05', '06', '07']) {
      shiftIds.push(
        (await addShift(t, w, rotaId, 'E', `2027-03-${date}`, { minHeadcount: 2, targetHeadcount: 2 })).id,
      );
      await addShift(t, w, rotaId, 'L', `2027-03-${date}`, { minHeadcount: 1, targetHeadcount: 1 });
    }
    // One assignment the manager made and locks.
    const made = await ok(
      `mutation($input: AssignStaffInput!) { assignStaff(input: $input) { ... on RotaEdit { assignments { id shiftId staffId } } } }`,
      { input: { shiftId: shiftIds[0], staffId: staff[0] } },
    );
    lockedId = made.assignStaff.assignments[0].id;
    lockedPair = `${shiftIds[0]}|${staff[0]}`;
    // Approved leave: the solver must not put them on those days.
    absent = staff[1]!;
    const asked = await ok(
      `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
      { input: { staffId: absent, kind: 'ANNUAL_LEAVE', startDate: absentDays[0], endDate: absentDays[1] } },
    );
    await ok(`mutation($input: DecideAbsenceInput!) { decideAbsence(input: $input) { id status } }`, {
      input: { absenceId: asked.requestAbsence.id, decision: 'APPROVE' },
    });
  });
  afterAll(() => t?.close());

  let first: any;

  it('queues a run that a worker takes from the queue and finishes with a proposal that breaks no hard rule', async () => {
    const queued = await solve({ seconds: 60, seed: 7, maxMoves: 20_000, lockedAssignmentIds: [lockedId] });
    expect(['QUEUED', 'RUNNING']).toContain(queued.status);
    expect(queued.options).toMatchObject({ seed: 7, maxMoves: 20_000, lockedAssignmentIds: [lockedId] });
    expect(queued.requestedBy.id).toBeTruthy();
    first = await finished(queued.id);
    expect(first.error).toBeNull();
    expect(first.status).toBe('SUCCEEDED');
    const p = first.proposal;
    expect(p.hardCount).toBe(0);
    expect(p.moves).toBe(20_000);
    expect(p.violations.filter((v: any) => v.severity === 'HARD')).toEqual([]);
    // Cover met on every shift, the locked assignment kept, nobody on leave placed.
    const rota = await shiftsOf(rotaId);
    const on = new Map<string, number>();
    for (const a of p.assignments) on.set(a.shiftId, (on.get(a.shiftId) ?? 0) + 1);
    for (const s of rota.shifts) expect(on.get(s.id) ?? 0).toBeGreaterThanOrEqual(s.minHeadcount);
    expect(pairs(p.assignments)).toContain(lockedPair);
    const dates = new Map(rota.shifts.map((s: any) => [s.id, s.localDate]));
    for (const a of p.assignments)
      if (a.staffId === absent) expect(absentDays).not.toContain(dates.get(a.shiftId));
    // The diff is against the rota it started from (one assignment, kept).
    expect(p.diff.unchanged).toBe(1);
    expect(p.diff.removedAssignmentIds).toEqual([]);
    expect(p.diff.added).toHaveLength(p.assignments.length - 1);
    expect(p.diff.violationsResolved.map((v: any) => v.ruleCode)).toContain('COVER_MIN_HEADCOUNT');
    // The job went through pg-boss's queue and completed there.
    const jobs = await t.ownerQuery(
      `SELECT state FROM pgboss.job WHERE name = 'solve-rota' AND data->>'runId' = $1`,
      [first.id],
    );
    expect(jobs.map((j) => j.state)).toEqual(['completed']);
  });

  it('reproduces a run exactly with the same seed and move budget', async () => {
    const again = await finished(
      (await solve({ seconds: 60, seed: 7, maxMoves: 20_000, lockedAssignmentIds: [lockedId] })).id,
    );
    expect(pairs(again.proposal.assignments)).toEqual(pairs(first.proposal.assignments));
    expect(again.proposal.weightedSoftPenalty).toBe(first.proposal.weightedSoftPenalty);
    await ok(DISCARD, { input: { id: again.id } });
  });

  it('refuses bad requests with a code and the field at fault, and other teams’ managers', async () => {
    const tooLong = await t.gql(SOLVE, { input: { rotaId, seconds: 121 } }, w.manager);
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
    expect(tooLong.errors![0]!.extensions.field).toBe('input.seconds');
    const notOnRota = await t.gql(
      SOLVE,
      { input: { rotaId, lockedAssignmentIds: ['00000000-0000-4000-8000-000000000000'] } },
      w.manager,
    );
    expect(errorCode(notOnRota)).toBe('NOT_FOUND');
    expect(notOnRota.errors![0]!.extensions.field).toBe('input.lockedAssignmentIds[0]');
    const twice = await t.gql(
      SOLVE,
      {
        input: {
          rotaId,
          ruleWeights: [
            { ruleCode: 'COVER_TARGET', weight: 2 },
            { ruleCode: 'COVER_TARGET', weight: 3 },
          ],
        },
      },
      w.manager,
    );
    expect(twice.errors![0]!.extensions.field).toBe('input.ruleWeights[1].ruleCode');
    const org = await insertOrganisation(t.dataSource, { name: 'Elsewhere Trust' });
    const team = await insertTeam(t.dataSource, org.id);
    const stranger = await t.token({ roles: [Role.MANAGER], organisationIds: [org.id], teamIds: [team.id] });
    expect(errorCode(await t.gql(SOLVE, { input: { rotaId } }, stranger))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(GET, { id: first.id }, stranger))).toBe('FORBIDDEN');
    const nurse = await t.token({ roles: [Role.STAFF], organisationIds: [w.orgId] });
    expect(errorCode(await t.gql(SOLVE, { input: { rotaId } }, nurse))).toBe('FORBIDDEN');
    const runs = await t.ownerQuery(`SELECT count(*)::int AS n FROM solve_run WHERE rota_id = $1`, [rotaId]);
    expect(runs[0]!.n).toBe(2);
  });

  it('applies a proposal through the write path in one transaction, once', async () => {
    const before = await shiftsOf(rotaId);
    const applied = (await ok(APPLY, { input: { id: first.id } })).applySolveRun;
    expect(applied.__typename).toBe('RotaEdit');
    expect(applied.rota.version).toBe(before.version + 1);
    const after = await shiftsOf(rotaId);
    const now = after.shifts.flatMap((s: any) =>
      s.assignments.map((a: any) => ({ shiftId: s.id, staffId: a.staffId })),
    );
    expect(pairs(now)).toEqual(pairs(first.proposal.assignments));
    const check = (await ok(CHECK, { id: rotaId })).checkRota;
    expect(check.hardCount).toBe(0);
    expect(check.softPenalty).toBeCloseTo(first.proposal.softPenalty, 6);
    const run = await get(first.id);
    expect(run.status).toBe('APPLIED');
    expect(run.decidedBy.id).toBeTruthy();
    expect(run.stale).toBe(true);
    const again = await t.gql(APPLY, { input: { id: first.id } }, w.manager);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('refuses a proposal for a rota changed since the run started (nothing written)', async () => {
    const run = await finished((await solve({ seconds: 60, seed: 3, maxMoves: 5_000 })).id);
    const rota = await shiftsOf(rotaId);
    const someone = rota.shifts[3].assignments[0];
    await ok(`mutation($input: UnassignStaffInput!) { unassignStaff(input: $input) { __typename } }`, {
      input: { assignmentId: someone.id },
    });
    expect((await get(run.id)).stale).toBe(true);
    const refused = await t.gql(APPLY, { input: { id: run.id } }, w.manager);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors![0]!.extensions.field).toBe('input.expectedVersion');
    expect((await get(run.id)).status).toBe('SUCCEEDED');
    const discarded = (await ok(DISCARD, { input: { id: run.id } })).discardSolveRun;
    expect(discarded.status).toBe('DISCARDED');
    expect(errorCode(await t.gql(APPLY, { input: { id: run.id } }, w.manager))).toBe('CONFLICT');
  });

  it('cancels a queued run before it starts, and a running one keeping its best so far', async () => {
    const long = await solve({ seconds: 100, seed: 1 });
    // The one worker is busy with `long`: this one waits on the queue.
    let running = await get(long.id);
    for (let i = 0; i < 3_000 && !(running.status === 'RUNNING' && running.progress); i++) {
      await sleep(100);
      running = await get(long.id);
    }
    expect(running.status).toBe('RUNNING');
    expect(running.progress.moves).toBeGreaterThan(0);
    const waiting = await solve({ seconds: 10, seed: 2 });
    const stoppedEarly = (await ok(CANCEL, { input: { id: waiting.id } })).cancelSolveRun;
    expect(stoppedEarly.status).toBe('CANCELLED');
    expect(stoppedEarly.proposal).toBeNull();

    const cancelled = (await ok(CANCEL, { input: { id: long.id } })).cancelSolveRun;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.proposal.hardCount).toBe(0);
    expect(cancelled.proposal.assignments.length).toBeGreaterThan(0);
    expect(cancelled.finishedAt).toBeTruthy();
    expect(errorCode(await t.gql(CANCEL, { input: { id: long.id } }, w.manager))).toBe('CONFLICT');
    // The queued one never ran, even once the worker was free.
    await finished(waiting.id);
    expect((await get(waiting.id)).startedAt).toBeNull();
  });

  it('needs a reason to apply a proposal to a published rota', async () => {
    await publish(t, w.manager, rotaId);
    const run = await finished((await solve({ seconds: 60, seed: 5, maxMoves: 5_000 })).id);
    expect(run.status).toBe('SUCCEEDED');
    const noReason = await t.gql(APPLY, { input: { id: run.id } }, w.manager);
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors![0]!.extensions.field).toBe('input.reason');
    const withReason = (
      await ok(APPLY, { input: { id: run.id, reason: 'Filled by the solver after sickness' } })
    ).applySolveRun;
    expect(withReason.__typename).toBe('RotaEdit');
    const rota = await shiftsOf(rotaId);
    expect(rota.changes.map((c: any) => c.operation)).toContain('APPLY_SOLVE_RUN');
  });
});
