import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../../src/common/auth/actor.js';
import { seedDemo } from '../../src/demo/demo.seeder.js';
import { ChecksService } from '../../src/modules/checks/checks.service.js';
import { RotaChecker } from '../../src/rota-core/index.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The demo's draft rotas (the next four weeks of each team, half filled by hand) solved by the solver: each ends
 * with nothing unlawful and every shift's minimum cover met where the people exist, is applied through the write
 * path, and, where every shift is covered, published. Work is bounded by a move budget per rota, so the result does not depend on the machine's speed.
 */
/** The rules about a shift's cover: left short when the people do not exist (the manager's call at publication). */
const COVER = new Set(['COVER_MIN_HEADCOUNT', 'COVER_SKILL_MIX']);

describe('the solver on the demo area', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ solver: { workers: 1, maxSeconds: 3_600 } });
    await seedDemo(t.dataSource, new Date('2026-11-22T10:00:00Z'));
  });
  afterAll(() => t?.close());

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await t.gql(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };

  it('fills every draft rota with nothing unlawful and cover met where the staff exist, publishing those fully covered', async () => {
    const drafts = (await t.ownerQuery(
      `SELECT r.id, r.team_id, t.organisation_id, t.name, r.start_date::text, r.end_date::text
           FROM rota r JOIN team t ON t.id = r.team_id
          WHERE r.status = 'DRAFT' ORDER BY t.name`,
    )) as Array<{
      id: string;
      team_id: string;
      organisation_id: string;
      name: string;
      start_date: string;
      end_date: string;
    }>;
    expect(drafts.length).toBeGreaterThanOrEqual(4);
    const checks = t.app.get(ChecksService);
    let filled = 0;
    for (const rota of drafts) {
      const manager = await t.token({
        roles: [Role.MANAGER],
        organisationIds: [rota.organisation_id],
        teamIds: [rota.team_id],
      });
      // Hard breaches as the hand-filled draft stands: the solver is to end them, or leave only shifts short.
      const before = (
        await gql(`query($id: ID!) { checkRota(rotaId: $id) { hardCount } }`, { id: rota.id }, manager)
      ).checkRota.hardCount;
      expect(before).toBeGreaterThan(0);
      const started = (
        await gql(
          `mutation($input: SolveRotaInput!) { solveRota(input: $input) { id } }`,
          { input: { rotaId: rota.id, seconds: 600, seed: 1, maxMoves: 150_000 } },
          manager,
        )
      ).solveRota;
      let run: any;
      for (let i = 0; i < 20_000; i++) {
        run = (
          await gql(
            `query($id: ID!) { solveRun(id: $id) { status error proposal {
               hardCount softPenalty movesPerSecond elapsedSeconds assignments { shiftId }
               violations { ruleCode severity } } } }`,
            { id: started.id },
            manager,
          )
        ).solveRun;
        if (run.status !== 'QUEUED' && run.status !== 'RUNNING') break;
        await sleep(250);
      }
      expect(run.error).toBeNull();
      expect(run.status).toBe('SUCCEEDED');
      const hard: Array<{ ruleCode: string }> = run.proposal.violations.filter(
        (v: any) => v.severity === 'HARD',
      );
      // Nothing unlawful: what hard breaches are left are shifts short of cover.
      expect({
        rota: rota.name,
        codes: [...new Set(hard.map((v) => v.ruleCode))].filter((c) => !COVER.has(c)),
      }).toEqual({
        rota: rota.name,
        codes: [],
      });
      const applied = (
        await gql(
          `mutation($input: ApplySolveRunInput!) { applySolveRun(input: $input) { __typename ... on RuleViolations { message } } }`,
          { input: { id: started.id } },
          manager,
        )
      ).applySolveRun;
      expect(applied.__typename).toBe('RotaEdit');
      // Minimum cover met where the staff exist: no shift left short could take one more of the team's people
      // without a hard breach (judged by the rules engine on the rota as applied).
      const { facts } = await checks.checker(
        t.dataSource.manager,
        rota.id,
        await checks.rotaPool(
          t.dataSource.manager,
          { id: rota.id, startDate: rota.start_date, endDate: rota.end_date },
          { id: rota.team_id, organisationId: rota.organisation_id },
        ),
      );
      const checker = new RotaChecker(facts);
      const short = checker.check().violations.filter((v) => v.severity === 'HARD' && COVER.has(v.ruleCode));
      expect(short.length).toBe(run.proposal.hardCount);
      expect(short.length).toBeLessThan(before);
      const couldFill = short.flatMap((v) =>
        facts.staff
          .filter((p) => !facts.assignments.some((a) => a.shiftId === v.shiftIds[0] && a.staffId === p.id))
          .filter((p) => {
            const preview = checker.preview(v.shiftIds[0]!, p.id);
            return preview.hardAdded === 0 && preview.resolved.some((r) => r.ruleCode === v.ruleCode);
          })
          .map((p) => `${v.ruleCode} ${v.shiftIds[0]} ${p.id}`),
      );
      expect(couldFill).toEqual([]);
      if (short.length === 0) {
        filled++;
        const published = (
          await gql(
            `mutation($input: PublishRotaInput!) { publishRota(input: $input) { __typename ... on RuleViolations { message } } }`,
            { input: { rotaId: rota.id } },
            manager,
          )
        ).publishRota;
        expect(published).toEqual({ __typename: 'RotaEdit' });
      }
    }
    // Ward 7 and the reablement team have the people for every shift; Oak House has five registered nurses for 84
    // shifts that each need one, and the doctors' weekends are capped at one in three.
    expect(filled).toBeGreaterThanOrEqual(2);
  });
});
