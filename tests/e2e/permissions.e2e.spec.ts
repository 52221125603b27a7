import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { Role } from '../../src/common/auth/actor.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { addDays } from '../../src/rota-core/dates.js';
import { CredentialAcceptance } from '../../src/modules/passport/credential.enums.js';
import { insertCredential, insertStaff, skillId } from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  publish,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The permission matrix: every root query and mutation of schema.gql × every kind of caller, in scope and out.
 * `allow` lists who may call it (with valid arguments, in their own scope); everyone else must get FORBIDDEN and
 * an anonymous caller UNAUTHENTICATED. The operations come from the schema, so a new one without a row here
 * (or one that declares no permission) fails.
 *
 * Callers: ADMIN; HR_IN / MGR_IN — HR of organisation A / manager of its team A1; HR_OUT / MGR_OUT — the same
 * roles at an unrelated organisation C; STAFF_SELF — a staff member of A working in A1, acting for themself;
 * STAFF_OTHER — a staff member of C.
 */
const PRINCIPALS = ['ADMIN', 'HR_IN', 'HR_OUT', 'MGR_IN', 'MGR_OUT', 'STAFF_SELF', 'STAFF_OTHER'] as const;
type Principal = (typeof PRINCIPALS)[number];

const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const ROOT_OPERATIONS = [
  ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
  ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
].sort();

interface World {
  a: RotaWorld;
  b: RotaWorld;
  c: RotaWorld;
  staffA: string;
  staffC: string;
  skill: string;
  jointRoleId: string;
  tokens: Record<Principal, string>;
  /** HR of B (the joint role's other partner), proposing things A's HR must answer. */
  hrB: string;
}

interface Case {
  document: string;
  /** Fresh arguments for one call (state-changing cases make their own objects). */
  vars: (w: World, who: Principal) => Promise<Record<string, unknown>>;
  allow: Principal[];
}

let t: TestApp;
let world: World;
let week = 0;
/** A Monday no other case uses, so rotas never collide. */
const freshWeek = () => addDays('2030-01-07', 7 * week++);

async function rotaWithShift(w: World, assign = false) {
  const start = freshWeek();
  const rota = await createRota(t, w.a, start, addDays(start, 6));
  const shift = await addShift(t, w.a, rota.id, 'E', start);
  let assignmentId: string | undefined;
  if (assign) {
    const res = await t.gql(ASSIGN, { shift: shift.id, staff: w.staffA }, w.a.manager);
    assignmentId = assignedOf(res).id;
  }
  return { rotaId: rota.id, shiftId: shift.id, assignmentId, date: start };
}

const IMPORT_CSV =
  'givenName,familyName,staffGroup,jobTitle,payFramework,payGrade,contractedHoursPerWeek\nAda,Imported,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5\n';

/** A solve run of a fresh rota of team A1, queued by its manager (no worker runs it here): its id. */
async function queuedSolveRun(w: World): Promise<string> {
  const { rotaId } = await rotaWithShift(w, true);
  const res = await t.gql(
    `mutation($input: SolveRotaInput!) { solveRota(input: $input) { id } }`,
    { input: { rotaId, maxMoves: 10 } },
    w.a.manager,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.solveRota.id as string;
}

/** A finished run with a proposal (an empty change), as a worker leaves it: its id. */
async function finishedSolveRun(w: World): Promise<string> {
  const id = await queuedSolveRun(w);
  const proposal = {
    assignments: [],
    hardCount: 0,
    softPenalty: 0,
    weightedSoftPenalty: 0,
    violations: [],
    diff: {
      added: [],
      removedAssignmentIds: [],
      unchanged: 0,
      violationsResolved: [],
      violationsIntroduced: [],
    },
    moves: 10,
    movesPerSecond: 0,
    elapsedMs: 0,
  };
  await t.ownerQuery(
    `UPDATE solve_run SET status = 'SUCCEEDED', proposal = $2, started_at = now(), finished_at = now() WHERE id = $1`,
    [id, JSON.stringify(proposal)],
  );
  return id;
}

/** An import of organisation A (a dry run by ADMIN): its id. */
async function dryRunImport(w: World): Promise<string> {
  const res = await t.gql(
    `mutation($input: ImportCsvInput!) { importCsv(input: $input) { id } }`,
    { input: { kind: 'STAFF', organisationId: w.a.orgId, csv: IMPORT_CSV, dryRun: true } },
    w.tokens.ADMIN,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.importCsv.id as string;
}

async function template(w: World): Promise<string> {
  const res = await t.gql(
    `mutation($input: CreateRotaTemplateInput!) { createRotaTemplate(input: $input) { id } }`,
    {
      input: {
        name: `Pattern ${week++}`,
        teamId: w.a.teamId,
        shifts: [{ week: 1, weekday: 'MONDAY', shiftTypeId: w.a.types.E, minHeadcount: 0 }],
      },
    },
    w.a.manager,
  );
  return res.data!.createRotaTemplate.id;
}

async function placement(w: World) {
  const start = freshWeek();
  const res = await t.gql(
    `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
    {
      input: {
        hostTeamId: w.b.teamId,
        startDate: start,
        endDate: addDays(start, 13),
        hoursPerWeek: 37.5,
        kind: 'SECONDMENT',
        reason: 'Winter',
      },
    },
    w.tokens.STAFF_SELF,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.requestPlacement.id as string;
}

/** A credential organisation C attests for A's staff member: waits for A's HR. */
async function pendingCredential(w: World) {
  const c = await insertCredential(t.dataSource, {
    staffId: w.staffA,
    skillId: w.skill,
    verifiedByOrganisationId: w.c.orgId,
    obtainedOn: addDays('2018-01-01', week++),
    acceptance: CredentialAcceptance.PENDING_ACCEPTANCE,
  });
  return c.id;
}

/** A joint role of A and B proposed by B's HR: A's share waits for A's HR. */
async function proposedRole(w: World) {
  const res = await t.gql(
    `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id termsVersion } }`,
    {
      input: {
        title: `Proposed ${week++}`,
        staffGroup: 'NURSING',
        fte: 1,
        startDate: '2030-01-01',
        employmentModel: 'SECONDMENT',
        employingPartnerId: w.b.orgId,
        lineManagementPartnerId: w.b.orgId,
        supervisionPartnerId: w.a.orgId,
        partners: [
          { organisationId: w.a.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
          { organisationId: w.b.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
        ],
      },
    },
    w.hrB,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createJointRole as { id: string; termsVersion: number };
}

/** B's HR proposes one of A's staff for the joint role: waits for A's HR (the employer). */
async function proposedAppointment(w: World) {
  const res = await t.gql(
    `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id status } }`,
    {
      input: {
        jointRoleId: w.jointRoleId,
        staffId: (await insertStaff(t.dataSource, w.a.orgId)).id,
        startDate: '2030-02-01',
        fte: 0.1,
      },
    },
    w.hrB,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.appointToJointRole.id as string;
}

/** An open shift on a published rota of team A1 (one place; A's own staff may claim it): its id. */
async function openShift(w: World): Promise<string> {
  const { rotaId, shiftId } = await rotaWithShift(w);
  await publish(t, w.a.manager, rotaId, ['COVER_MIN_HEADCOUNT']);
  const res = await t.gql(
    `mutation($input: PublishOpenShiftInput!) { publishOpenShift(input: $input) { id } }`,
    { input: { shiftId, places: 1 } },
    w.a.manager,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.publishOpenShift.id as string;
}

/** A pending claim by A's staff member on a fresh open shift: its id. */
async function pendingClaim(w: World): Promise<string> {
  const res = await t.gql(
    `mutation($id: ID!) { claimOpenShift(input: { openShiftId: $id }) { ... on OpenShiftClaim { id } ... on RuleViolations { message } } }`,
    { id: await openShift(w) },
    w.tokens.STAFF_SELF,
  );
  if (!res.data?.claimOpenShift?.id) throw new Error(JSON.stringify(res));
  return res.data.claimOpenShift.id as string;
}

/** A bank agreement between A and B proposed by B's HR (A's HR decides it): its id. */
async function proposedAgreement(w: World): Promise<string> {
  await t.dataSource.query(`DELETE FROM bank_agreement WHERE status IN ('PROPOSED', 'ACTIVE')`);
  const res = await t.gql(
    `mutation($input: ProposeBankAgreementInput!) { proposeBankAgreement(input: $input) { id } }`,
    { input: { partnerOrganisationId: w.a.orgId, startDate: '2030-01-01' } },
    w.hrB,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.proposeBankAgreement.id as string;
}

/** A bank agreement between A and B in force (B proposed it, A's HR approved): its id. */
async function activeAgreement(w: World): Promise<string> {
  const id = await proposedAgreement(w);
  const res = await t.gql(
    `mutation($id: ID!) { decideBankAgreement(input: { bankAgreementId: $id, decision: APPROVE }) { status } }`,
    { id },
    w.tokens.HR_IN,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return id;
}

/**
 * A swap on a published rota of team A1 between A's staff member (STAFF_SELF) and a colleague: `mine` — she offers
 * her shift to the colleague; `theirs` — the colleague offers theirs to her; `accepted` — that one, accepted.
 */
async function swap(w: World, kind: 'mine' | 'theirs' | 'accepted'): Promise<string> {
  const start = freshWeek();
  const rota = await createRota(t, w.a, start, addDays(start, 6));
  const colleague = await insertStaff(t.dataSource, w.a.orgId, { homeTeamId: w.a.teamId });
  const colleagueToken = await t.token({ roles: [Role.STAFF], staffId: colleague.id });
  const shift = await addShift(t, w.a, rota.id, 'E', start);
  const offeredBy = kind === 'mine' ? w.staffA : colleague.id;
  const assigned = assignedOf(await t.gql(ASSIGN, { shift: shift.id, staff: offeredBy }, w.a.manager));
  await publish(t, w.a.manager, rota.id);
  const res = await t.gql(
    `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { ... on ShiftSwap { id } ... on RuleViolations { message } } }`,
    { input: { assignmentId: assigned.id, colleagueId: kind === 'mine' ? colleague.id : w.staffA } },
    kind === 'mine' ? w.tokens.STAFF_SELF : colleagueToken,
  );
  if (!res.data?.proposeShiftSwap?.id) throw new Error(JSON.stringify(res));
  const id = res.data.proposeShiftSwap.id as string;
  if (kind === 'accepted') {
    const ok = await t.gql(
      `mutation($id: ID!) { respondToShiftSwap(input: { swapId: $id, decision: APPROVE }) { __typename } }`,
      { id },
      w.tokens.STAFF_SELF,
    );
    if (ok.errors) throw new Error(JSON.stringify(ok.errors));
  }
  return id;
}

const MANAGE_A1: Principal[] = ['ADMIN', 'MGR_IN'];
const OVERSEE_A1: Principal[] = ['ADMIN', 'HR_IN', 'MGR_IN'];
const HR_A: Principal[] = ['ADMIN', 'HR_IN'];
const EVERYONE: Principal[] = [...PRINCIPALS];

const CASES: Record<string, Case> = {
  // ---- queries ------------------------------------------------------------------------------------------
  'Query.auditEvents': {
    document: `{ auditEvents(first: 1) { totalCount } }`,
    vars: async () => ({}),
    allow: ['ADMIN', 'HR_IN', 'HR_OUT'],
  },
  'Query.bankAgreement': {
    document: `query($id: ID!) { bankAgreement(id: $id) { status } }`,
    vars: async (w) => ({ id: await proposedAgreement(w) }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Query.bankAgreements': {
    document: `{ bankAgreements(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: ['ADMIN', 'HR_IN', 'HR_OUT', 'MGR_IN', 'MGR_OUT'],
  },
  'Query.bankReport': {
    document: `query($org: ID) { bankReport(from: "2030-01-01", to: "2030-12-31", organisationId: $org) { bankShifts } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.openShift': {
    document: `query($id: ID!) { openShift(id: $id) { status } }`,
    vars: async (w) => ({ id: await openShift(w) }),
    // Its team's manager and organisation's HR, and the organisation's own staff (who may claim it).
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.openShifts': {
    document: `{ openShifts(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.shiftSwap': {
    document: `query($id: ID!) { shiftSwap(id: $id) { status } }`,
    vars: async (w) => ({ id: await swap(w, 'mine') }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.shiftSwaps': {
    document: `{ shiftSwaps(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.checkRota': {
    document: `query($id: ID!) { checkRota(rotaId: $id) { hardCount } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).rotaId }),
    allow: OVERSEE_A1,
  },
  'Query.complianceReport': {
    document: `query($team: ID) { complianceReport(from: "2030-01-01", to: "2030-12-31", teamId: $team) { violations } }`,
    vars: async (w) => ({ team: w.a.teamId }),
    allow: OVERSEE_A1,
  },
  'Query.credentialExpiryReport': {
    document: `query($org: ID) { credentialExpiryReport(withinDays: 30, organisationId: $org) { expired } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.credentialsAwaitingAcceptance': {
    document: `query($org: ID!) { credentialsAwaitingAcceptance(organisationId: $org) { totalCount } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.eligibleStaff': {
    document: `query($shift: ID!) { eligibleStaff(shiftId: $shift) { eligible } }`,
    vars: async (w) => ({ shift: (await rotaWithShift(w)).shiftId }),
    allow: OVERSEE_A1,
  },
  'Query.import': {
    document: `query($id: ID!) { import(id: $id) { status } }`,
    vars: async (w) => ({ id: await dryRunImport(w) }),
    allow: HR_A,
  },
  'Query.imports': {
    document: `query($org: ID!) { imports(organisationId: $org) { status } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.jointRole': {
    document: `query($id: ID!) { jointRole(id: $id) { id } }`,
    vars: async (w) => ({ id: w.jointRoleId }),
    // Staff of a partner see a joint role only when they are appointed to it.
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Query.jointRoleReport': {
    document: `query($org: ID) { jointRoleReport(from: "2030-01-01", to: "2030-12-31", organisationId: $org) { roles } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.jointRoles': {
    document: `{ jointRoles(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.me': { document: `{ me { subject } }`, vars: async () => ({}), allow: EVERYONE },
  'Query.notifications': {
    document: `{ notifications(first: 5) { totalCount edges { node { id } } } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.unreadNotificationCount': {
    document: `{ unreadNotificationCount }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.myAbsences': {
    document: `{ myAbsences(from: "2030-01-01", to: "2030-12-31") { id } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.myShifts': {
    document: `{ myShifts(from: "2030-01-01", to: "2030-01-31") { id } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.organisation': {
    document: `query($id: ID!) { organisation(id: $id) { name } }`,
    vars: async (w) => ({ id: w.a.orgId }),
    allow: EVERYONE,
  },
  'Query.organisations': {
    document: `{ organisations(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.passportReadiness': {
    document: `query($staff: ID!, $team: ID!) { passportReadiness(staffId: $staff, teamId: $team) { ready } }`,
    vars: async (w) => ({ staff: w.staffA, team: w.b.teamId }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.placement': {
    document: `query($id: ID!) { placement(id: $id) { status } }`,
    vars: async (w) => ({ id: await placement(w) }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.placementReport': {
    document: `query($org: ID) { placementReport(from: "2030-01-01", to: "2030-12-31", organisationId: $org) { total } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: HR_A,
  },
  'Query.placements': {
    document: `{ placements(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.previewAssignment': {
    document: `query($shift: ID!, $staff: ID!) { previewAssignment(shiftId: $shift, staffId: $staff) { eligible } }`,
    vars: async (w) => ({ shift: (await rotaWithShift(w)).shiftId, staff: w.staffA }),
    allow: OVERSEE_A1,
  },
  'Query.rota': {
    document: `query($id: ID!) { rota(id: $id) { status } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).rotaId }),
    allow: OVERSEE_A1,
  },
  'Query.rotas': {
    document: `query($team: ID!) { rotas(teamId: $team) { id } }`,
    vars: async (w) => ({ team: w.a.teamId }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.ruleCatalogue': { document: `{ ruleCatalogue { code } }`, vars: async () => ({}), allow: EVERYONE },
  'Query.solveRun': {
    document: `query($id: ID!) { solveRun(id: $id) { status } }`,
    vars: async (w) => ({ id: await queuedSolveRun(w) }),
    allow: OVERSEE_A1,
  },
  'Query.solveRuns': {
    document: `query($id: ID!) { solveRuns(rotaId: $id) { status } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).rotaId }),
    allow: OVERSEE_A1,
  },
  'Query.solverRuleWeights': {
    document: `{ solverRuleWeights { ruleCode weight } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Query.skills': { document: `{ skills { id } }`, vars: async () => ({}), allow: EVERYONE },
  'Query.staff': {
    document: `{ staff(first: 5) { totalCount } }`,
    vars: async () => ({}),
    allow: ['ADMIN', 'HR_IN', 'HR_OUT', 'MGR_IN', 'MGR_OUT'],
  },
  'Query.staffMember': {
    document: `query($id: ID!) { staffMember(id: $id) { name } }`,
    vars: async (w) => ({ id: w.staffA }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Query.team': {
    document: `query($id: ID!) { team(id: $id) { name } }`,
    vars: async (w) => ({ id: w.a.teamId }),
    allow: EVERYONE,
  },
  'Query.teams': {
    document: `query($org: ID!) { teams(organisationId: $org) { totalCount } }`,
    vars: async (w) => ({ org: w.a.orgId }),
    allow: EVERYONE,
  },

  // ---- mutations ----------------------------------------------------------------------------------------
  'Mutation.acceptCredential': {
    document: `mutation($id: ID!) { acceptCredential(input: { credentialId: $id }) { acceptance } }`,
    vars: async (w) => ({ id: await pendingCredential(w) }),
    allow: HR_A,
  },
  'Mutation.acceptJointRoleShare': {
    document: `mutation($id: ID!, $org: ID!, $v: Int!) { acceptJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: $v }) { status } }`,
    vars: async (w) => {
      const role = await proposedRole(w);
      return { id: role.id, org: w.a.orgId, v: role.termsVersion };
    },
    allow: HR_A,
  },
  'Mutation.addShifts': {
    document: `mutation($input: AddShiftsInput!) { addShifts(input: $input) { __typename } }`,
    vars: async (w) => {
      const r = await rotaWithShift(w);
      return { input: { rotaId: r.rotaId, shifts: [{ shiftTypeId: w.a.types.L, date: r.date }] } };
    },
    allow: MANAGE_A1,
  },
  'Mutation.addShiftsFromPattern': {
    document: `mutation($input: AddShiftsFromPatternInput!) { addShiftsFromPattern(input: $input) { __typename } }`,
    vars: async (w) => ({
      input: {
        rotaId: (await rotaWithShift(w)).rotaId,
        lines: [{ shiftTypeId: w.a.types.N, weekdays: ['MONDAY'] }],
      },
    }),
    allow: MANAGE_A1,
  },
  'Mutation.appointToJointRole': {
    document: `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        jointRoleId: w.jointRoleId,
        staffId: (await insertStaff(t.dataSource, w.a.orgId)).id,
        startDate: '2030-02-01',
        fte: 0.1,
      },
    }),
    allow: HR_A,
  },
  'Mutation.assignStaff': {
    document: ASSIGN,
    vars: async (w) => ({ shift: (await rotaWithShift(w)).shiftId, staff: w.staffA }),
    allow: MANAGE_A1,
  },
  'Mutation.bulkAssign': {
    document: `mutation($input: BulkAssignInput!) { bulkAssign(input: $input) { __typename } }`,
    vars: async (w) => {
      const r = await rotaWithShift(w);
      return { input: { rotaId: r.rotaId, assign: [{ shiftId: r.shiftId, staffId: w.staffA }] } };
    },
    allow: MANAGE_A1,
  },
  'Mutation.copyRota': {
    document: `mutation($input: CopyRotaInput!) { copyRota(input: $input) { __typename } }`,
    vars: async (w) => ({ input: { rotaId: (await rotaWithShift(w)).rotaId, startDate: freshWeek() } }),
    allow: MANAGE_A1,
  },
  'Mutation.createRotaFromTemplate': {
    document: `mutation($input: CreateRotaFromTemplateInput!) { createRotaFromTemplate(input: $input) { __typename } }`,
    vars: async (w) => ({ input: { templateId: await template(w), startDate: freshWeek(), weeks: 1 } }),
    allow: MANAGE_A1,
  },
  'Mutation.createRotaTemplate': {
    document: `mutation($input: CreateRotaTemplateInput!) { createRotaTemplate(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        name: `Template ${week++}`,
        teamId: w.a.teamId,
        shifts: [{ week: 1, weekday: 'MONDAY', shiftTypeId: w.a.types.E, minHeadcount: 1 }],
      },
    }),
    allow: MANAGE_A1,
  },
  'Mutation.deleteRota': {
    document: `mutation($id: ID!) { deleteRota(input: { rotaId: $id }) { id } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).rotaId }),
    allow: MANAGE_A1,
  },
  'Mutation.moveAssignment': {
    document: `mutation($id: ID!, $to: ID!) { moveAssignment(input: { assignmentId: $id, toShiftId: $to }) { __typename } }`,
    vars: async (w) => {
      const r = await rotaWithShift(w, true);
      const to = await addShift(t, w.a, r.rotaId, 'L', addDays(r.date, 1));
      return { id: r.assignmentId, to: to.id };
    },
    allow: MANAGE_A1,
  },
  'Mutation.swapAssignments': {
    document: `mutation($a: ID!, $b: ID!) { swapAssignments(input: { assignmentId: $a, otherAssignmentId: $b }) { __typename } }`,
    vars: async (w) => {
      const r = await rotaWithShift(w, true);
      const other = await addShift(t, w.a, r.rotaId, 'L', addDays(r.date, 2));
      const person = await insertStaff(t.dataSource, w.a.orgId, { contractedHoursPerWeek: 0 });
      const made = await t.gql(ASSIGN, { shift: other.id, staff: person.id }, w.a.manager);
      return { a: r.assignmentId, b: made.data!.assignStaff.assignments[0].id };
    },
    allow: MANAGE_A1,
  },
  'Mutation.unpublishRota': {
    document: `mutation($id: ID!) { unpublishRota(input: { rotaId: $id, reason: "Needs rework" }) { __typename } }`,
    vars: async (w) => {
      const r = await rotaWithShift(w, true);
      await publish(t, w.a.manager, r.rotaId);
      return { id: r.rotaId };
    },
    allow: MANAGE_A1,
  },
  'Mutation.updateShiftType': {
    document: `mutation($input: UpdateShiftTypeInput!) { updateShiftType(input: $input) { __typename } }`,
    vars: async (w) => ({
      input: { shiftTypeId: w.a.types.LD, effectiveFrom: '2040-01-01', name: `Long day ${week++}` },
    }),
    allow: MANAGE_A1,
  },
  'Query.rotaTemplates': {
    document: `query($team: ID!) { rotaTemplates(teamId: $team) { id } }`,
    vars: async (w) => ({ team: w.a.teamId }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Mutation.proposeBankAgreement': {
    document: `mutation($input: ProposeBankAgreementInput!) { proposeBankAgreement(input: $input) { id } }`,
    vars: async (w) => {
      await t.dataSource.query(`DELETE FROM bank_agreement WHERE status IN ('PROPOSED', 'ACTIVE')`);
      return {
        input: { organisationId: w.a.orgId, partnerOrganisationId: w.b.orgId, startDate: '2030-01-01' },
      };
    },
    allow: HR_A,
  },
  'Mutation.decideBankAgreement': {
    document: `mutation($id: ID!) { decideBankAgreement(input: { bankAgreementId: $id, decision: APPROVE }) { status } }`,
    vars: async (w) => ({ id: await proposedAgreement(w) }),
    allow: HR_A,
  },
  'Mutation.endBankAgreement': {
    document: `mutation($id: ID!) { endBankAgreement(input: { bankAgreementId: $id, reason: "No longer needed" }) { status } }`,
    vars: async (w) => ({ id: await activeAgreement(w) }),
    // HR of either organisation (A's here; B proposed it).
    allow: HR_A,
  },
  'Mutation.publishOpenShift': {
    document: `mutation($input: PublishOpenShiftInput!) { publishOpenShift(input: $input) { id } }`,
    vars: async (w) => {
      const { rotaId, shiftId } = await rotaWithShift(w);
      await publish(t, w.a.manager, rotaId, ['COVER_MIN_HEADCOUNT']);
      return { input: { shiftId, places: 1 } };
    },
    allow: MANAGE_A1,
  },
  'Mutation.withdrawOpenShift': {
    document: `mutation($id: ID!) { withdrawOpenShift(input: { openShiftId: $id, reason: "Covered by phone" }) { status } }`,
    vars: async (w) => ({ id: await openShift(w) }),
    allow: MANAGE_A1,
  },
  'Mutation.claimOpenShift': {
    document: `mutation($id: ID!) { claimOpenShift(input: { openShiftId: $id }) { __typename } }`,
    vars: async (w) => ({ id: await openShift(w) }),
    // Only a person claims, for themself: the organisation's own staff (no bank agreement with C).
    allow: ['STAFF_SELF'],
  },
  'Mutation.decideOpenShiftClaim': {
    document: `mutation($id: ID!) { decideOpenShiftClaim(input: { claimId: $id, decision: APPROVE }) { __typename } }`,
    vars: async (w) => ({ id: await pendingClaim(w) }),
    allow: MANAGE_A1,
  },
  'Mutation.withdrawOpenShiftClaim': {
    document: `mutation($id: ID!) { withdrawOpenShiftClaim(input: { claimId: $id }) { status } }`,
    vars: async (w) => ({ id: await pendingClaim(w) }),
    allow: ['ADMIN', 'STAFF_SELF'],
  },
  'Mutation.proposeShiftSwap': {
    document: `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { __typename } }`,
    vars: async (w) => {
      const start = freshWeek();
      const rota = await createRota(t, w.a, start, addDays(start, 6));
      const shift = await addShift(t, w.a, rota.id, 'E', start);
      const mine = assignedOf(await t.gql(ASSIGN, { shift: shift.id, staff: w.staffA }, w.a.manager));
      await publish(t, w.a.manager, rota.id);
      const colleague = await insertStaff(t.dataSource, w.a.orgId, { homeTeamId: w.a.teamId });
      return { input: { assignmentId: mine.id, colleagueId: colleague.id } };
    },
    allow: ['STAFF_SELF'],
  },
  'Mutation.respondToShiftSwap': {
    document: `mutation($id: ID!) { respondToShiftSwap(input: { swapId: $id, decision: APPROVE }) { __typename } }`,
    vars: async (w) => ({ id: await swap(w, 'theirs') }),
    allow: ['STAFF_SELF'],
  },
  'Mutation.decideShiftSwap': {
    document: `mutation($id: ID!) { decideShiftSwap(input: { swapId: $id, decision: APPROVE }) { __typename } }`,
    vars: async (w) => ({ id: await swap(w, 'accepted') }),
    allow: MANAGE_A1,
  },
  'Mutation.withdrawShiftSwap': {
    document: `mutation($id: ID!) { withdrawShiftSwap(input: { swapId: $id }) { status } }`,
    vars: async (w) => ({ id: await swap(w, 'mine') }),
    allow: ['ADMIN', 'STAFF_SELF'],
  },
  'Mutation.cancelPlacement': {
    document: `mutation($id: ID!) { cancelPlacement(input: { placementId: $id, reason: "No longer needed" }) { status } }`,
    vars: async (w) => ({ id: await placement(w) }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Mutation.changePassportAcceptance': {
    document: `mutation($input: PassportAcceptanceChangeInput!) { changePassportAcceptance(input: $input) { version } }`,
    vars: async (w) => ({ input: { organisationId: w.a.orgId, addSkillIds: [w.skill] } }),
    allow: HR_A,
  },
  'Mutation.consentToJointRoleAppointment': {
    document: `mutation($id: ID!) { consentToJointRoleAppointment(input: { appointmentId: $id }) { status } }`,
    vars: async (w) => ({ id: await proposedAppointment(w) }),
    allow: HR_A,
  },
  'Mutation.createJointRole': {
    document: `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        title: 'Matrix role',
        staffGroup: 'NURSING',
        fte: 1,
        startDate: '2030-01-01',
        employmentModel: 'SECONDMENT',
        employingPartnerId: w.a.orgId,
        lineManagementPartnerId: w.a.orgId,
        supervisionPartnerId: w.b.orgId,
        partners: [
          { organisationId: w.a.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
          { organisationId: w.b.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
        ],
      },
    }),
    allow: HR_A,
  },
  'Mutation.createOrganisation': {
    document: `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    vars: async () => ({ input: { name: `Matrix Trust ${week++}`, kind: 'NHS_TRUST' } }),
    allow: ['ADMIN'],
  },
  'Mutation.createRota': {
    document: `mutation($input: CreateRotaInput!) { createRota(input: $input) { id } }`,
    vars: async (w) => {
      const start = freshWeek();
      return { input: { teamId: w.a.teamId, startDate: start, endDate: addDays(start, 6) } };
    },
    allow: MANAGE_A1,
  },
  'Mutation.createShiftType': {
    document: `mutation($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        teamId: w.a.teamId,
        code: `T${week++}`,
        name: 'Twilight',
        startTime: '18:00',
        durationMinutes: 240,
      },
    }),
    allow: MANAGE_A1,
  },
  'Mutation.createSkill': {
    document: `mutation($input: CreateSkillInput!) { createSkill(input: $input) { id } }`,
    vars: async () => ({
      input: { code: `MATRIX_${week++}`, name: 'Matrix skill', kind: 'MANDATORY_TRAINING' },
    }),
    allow: ['ADMIN', 'HR_IN', 'HR_OUT'],
  },
  'Mutation.createStaffMember': {
    document: `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        employerId: w.a.orgId,
        givenName: 'Mat',
        familyName: 'Rix',
        staffGroup: 'NURSING',
        jobTitle: 'Nurse',
        payFramework: 'AGENDA_FOR_CHANGE',
        payGrade: '5',
        contractedHoursPerWeek: 37.5,
      },
    }),
    allow: HR_A,
  },
  'Mutation.createTeam': {
    document: `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
    vars: async (w) => ({
      input: { organisationId: w.a.orgId, name: `Matrix ward ${week++}`, kind: 'WARD' },
    }),
    allow: HR_A,
  },
  'Mutation.decideAbsence': {
    document: `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE }) { status } }`,
    vars: async (w) => {
      const start = freshWeek();
      const res = await t.gql(
        `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
        { input: { kind: 'ANNUAL_LEAVE', startDate: start, endDate: addDays(start, 2) } },
        w.tokens.STAFF_SELF,
      );
      return { id: res.data!.requestAbsence.id };
    },
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Mutation.declineCredential': {
    document: `mutation($id: ID!) { declineCredential(input: { credentialId: $id, reason: "No evidence seen" }) { acceptance } }`,
    vars: async (w) => ({ id: await pendingCredential(w) }),
    allow: HR_A,
  },
  'Mutation.declineJointRoleAppointment': {
    document: `mutation($id: ID!) { declineJointRoleAppointment(input: { appointmentId: $id, reason: "Needed on the ward" }) { status } }`,
    vars: async (w) => ({ id: await proposedAppointment(w) }),
    allow: HR_A,
  },
  'Mutation.declineJointRoleShare': {
    document: `mutation($id: ID!, $org: ID!, $v: Int!) { declineJointRoleShare(input: { jointRoleId: $id, organisationId: $org, termsVersion: $v, reason: "Not budgeted" }) { status } }`,
    vars: async (w) => {
      const role = await proposedRole(w);
      return { id: role.id, org: w.a.orgId, v: role.termsVersion };
    },
    allow: HR_A,
  },
  'Mutation.decidePlacement': {
    document: `mutation($id: ID!) { decidePlacement(input: { placementId: $id, side: HOME, decision: APPROVE }) { status } }`,
    vars: async (w) => ({ id: await placement(w) }),
    allow: ['ADMIN', 'HR_IN', 'MGR_IN'],
  },
  'Mutation.endJointRoleAppointment': {
    document: `mutation($id: ID!) { endJointRoleAppointment(input: { appointmentId: $id, endDate: "2030-06-30" }) { id } }`,
    vars: async (w) => {
      const res = await t.gql(
        `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id } }`,
        {
          input: {
            jointRoleId: w.jointRoleId,
            staffId: (await insertStaff(t.dataSource, w.a.orgId)).id,
            startDate: '2030-02-01',
            fte: 0.1,
          },
        },
        w.tokens.ADMIN,
      );
      return { id: res.data!.appointToJointRole.id };
    },
    allow: HR_A,
  },
  'Mutation.importCsv': {
    document: `mutation($input: ImportCsvInput!) { importCsv(input: $input) { status } }`,
    vars: async (w) => ({
      input: { kind: 'STAFF', organisationId: w.a.orgId, csv: IMPORT_CSV, dryRun: true },
    }),
    allow: HR_A,
  },
  'Mutation.issueCalendarFeed': {
    document: `mutation($staff: ID) { issueCalendarFeed(input: { staffId: $staff }) { url } }`,
    vars: async (w) => ({ staff: w.staffA }),
    allow: ['ADMIN', 'HR_IN', 'STAFF_SELF'],
  },
  'Mutation.solveRota': {
    document: `mutation($id: ID!) { solveRota(input: { rotaId: $id, maxMoves: 10 }) { status } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).rotaId }),
    allow: MANAGE_A1,
  },
  'Mutation.markNotificationsRead': {
    document: `mutation { markNotificationsRead(input: { all: true }) { marked unreadCount } }`,
    vars: async () => ({}),
    allow: EVERYONE,
  },
  'Mutation.cancelSolveRun': {
    document: `mutation($id: ID!) { cancelSolveRun(input: { id: $id }) { status } }`,
    vars: async (w) => ({ id: await queuedSolveRun(w) }),
    allow: MANAGE_A1,
  },
  'Mutation.applySolveRun': {
    document: `mutation($id: ID!) { applySolveRun(input: { id: $id }) { __typename } }`,
    vars: async (w) => ({ id: await finishedSolveRun(w) }),
    allow: MANAGE_A1,
  },
  'Mutation.discardSolveRun': {
    document: `mutation($id: ID!) { discardSolveRun(input: { id: $id }) { status } }`,
    vars: async (w) => ({ id: await finishedSolveRun(w) }),
    allow: MANAGE_A1,
  },
  'Mutation.publishRota': {
    document: `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w, true)).rotaId }),
    allow: MANAGE_A1,
  },
  'Mutation.recordCredential': {
    document: `mutation($input: RecordCredentialInput!) { recordCredential(input: $input) { id } }`,
    vars: async (w) => ({
      input: {
        staffId: w.staffA,
        skillId: w.skill,
        obtainedOn: addDays('2024-01-01', week++),
        verifiedByOrganisationId: w.a.orgId,
      },
    }),
    allow: HR_A,
  },
  'Mutation.recordShiftRequest': {
    document: `mutation($input: RecordShiftRequestInput!) { recordShiftRequest(input: $input) { id } }`,
    vars: async (w) => ({
      input: { staffId: w.staffA, date: freshWeek(), shiftTypeId: w.a.types.E, kind: 'OFF' },
    }),
    allow: ['ADMIN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Mutation.removeShift': {
    document: `mutation($id: ID!) { removeShift(input: { shiftId: $id }) { __typename } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).shiftId }),
    allow: MANAGE_A1,
  },
  'Mutation.requestAbsence': {
    document: `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
    vars: async (w) => {
      const start = freshWeek();
      return {
        input: { staffId: w.staffA, kind: 'ANNUAL_LEAVE', startDate: start, endDate: addDays(start, 1) },
      };
    },
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Mutation.requestPlacement': {
    document: `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
    vars: async (w) => {
      const start = freshWeek();
      return {
        input: {
          staffId: w.staffA,
          hostTeamId: w.b.teamId,
          startDate: start,
          endDate: addDays(start, 6),
          hoursPerWeek: 30,
          kind: 'ROTATION',
          reason: 'Matrix',
        },
      };
    },
    allow: ['ADMIN', 'HR_IN', 'MGR_IN', 'STAFF_SELF'],
  },
  'Mutation.revokeCalendarFeed': {
    document: `mutation($staff: ID) { revokeCalendarFeed(input: { staffId: $staff }) }`,
    vars: async (w) => ({ staff: w.staffA }),
    allow: ['ADMIN', 'HR_IN', 'STAFF_SELF'],
  },
  'Mutation.revokeCredential': {
    document: `mutation($id: ID!) { revokeCredential(input: { credentialId: $id, reason: "Issued in error" }) { id } }`,
    vars: async (w) => {
      const c = await insertCredential(t.dataSource, {
        staffId: w.staffA,
        skillId: w.skill,
        verifiedByOrganisationId: w.a.orgId,
        obtainedOn: addDays('2020-01-01', week++),
      });
      return { id: c.id };
    },
    allow: HR_A,
  },
  'Mutation.setPassportAcceptance': {
    document: `mutation($input: PassportAcceptanceInput!) { setPassportAcceptance(input: $input) { organisationId } }`,
    vars: async (w) => {
      const [org] = await t.dataSource.query(
        `SELECT passport_acceptance_version AS v FROM organisation WHERE id = $1`,
        [w.a.orgId],
      );
      return {
        input: {
          organisationId: w.a.orgId,
          expectedVersion: org.v,
          skillIds: [w.skill],
          verifyingOrganisationIds: [],
        },
      };
    },
    allow: HR_A,
  },
  'Mutation.unassignStaff': {
    document: `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id }) { __typename } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w, true)).assignmentId }),
    allow: MANAGE_A1,
  },
  'Mutation.updateJointRole': {
    document: `mutation($id: ID!) { updateJointRole(input: { jointRoleId: $id, description: "Updated" }) { id } }`,
    vars: async (w) => ({ id: w.jointRoleId }),
    allow: HR_A,
  },
  'Mutation.updateOrganisation': {
    document: `mutation($id: ID!) { updateOrganisation(input: { organisationId: $id, odsCode: "RXA" }) { id } }`,
    vars: async (w) => ({ id: w.a.orgId }),
    allow: HR_A,
  },
  'Mutation.updateShift': {
    document: `mutation($id: ID!) { updateShift(input: { shiftId: $id, targetHeadcount: 3 }) { __typename } }`,
    vars: async (w) => ({ id: (await rotaWithShift(w)).shiftId }),
    allow: MANAGE_A1,
  },
  'Mutation.updateStaffMember': {
    document: `mutation($id: ID!) { updateStaffMember(input: { staffId: $id, jobTitle: "Senior Nurse" }) { id } }`,
    vars: async (w) => ({ id: w.staffA }),
    allow: HR_A,
  },
  'Mutation.updateTeam': {
    document: `mutation($id: ID!) { updateTeam(input: { teamId: $id, name: "Ward A1" }) { id } }`,
    vars: async (w) => ({ id: w.a.teamId }),
    allow: OVERSEE_A1,
  },
  'Mutation.withdrawPlacement': {
    document: `mutation($id: ID!) { withdrawPlacement(input: { placementId: $id }) { status } }`,
    vars: async (w) => ({ id: await placement(w) }),
    allow: ['ADMIN', 'STAFF_SELF'],
  },
};

describe('permission matrix (every root operation × every caller)', () => {
  beforeAll(async () => {
    t = await startTestApp();
    const a = await rotaWorld(t, 'MatrixA');
    const b = await rotaWorld(t, 'MatrixB');
    const c = await rotaWorld(t, 'MatrixC');
    await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
      b.orgId,
      OrganisationKind.LOCAL_AUTHORITY,
      Sector.SOCIAL_CARE,
    ]);
    const staffA = (
      await insertStaff(t.dataSource, a.orgId, { homeTeamId: a.teamId, contractedHoursPerWeek: 0 })
    ).id;
    const staffC = (await insertStaff(t.dataSource, c.orgId, { homeTeamId: c.teamId })).id;
    const tokens: Record<Principal, string> = {
      ADMIN: await t.adminToken(),
      HR_IN: await t.token({ roles: [Role.HR], organisationIds: [a.orgId] }),
      HR_OUT: await t.token({ roles: [Role.HR], organisationIds: [c.orgId] }),
      MGR_IN: a.manager,
      MGR_OUT: c.manager,
      STAFF_SELF: await t.token({ roles: [Role.STAFF], organisationIds: [a.orgId], staffId: staffA }),
      STAFF_OTHER: await t.token({ roles: [Role.STAFF], organisationIds: [c.orgId], staffId: staffC }),
    };
    const role = await t.gql(
      `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
      {
        input: {
          title: 'Matrix joint role',
          staffGroup: 'NURSING',
          fte: 1,
          startDate: '2029-01-01',
          employmentModel: 'JOINT_EMPLOYMENT',
          employingPartnerId: a.orgId,
          lineManagementPartnerId: a.orgId,
          supervisionPartnerId: b.orgId,
          partners: [
            { organisationId: a.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
            { organisationId: b.orgId, fundingSharePercent: 50, timeSharePercent: 50 },
          ],
          activate: true,
        },
      },
      tokens.ADMIN,
    );
    world = {
      a,
      b,
      c,
      staffA,
      staffC,
      skill: await skillId(t.dataSource, 'CSTF_FIRE_SAFETY'),
      jointRoleId: role.data!.createJointRole.id,
      tokens,
      hrB: await t.token({ roles: [Role.HR], organisationIds: [b.orgId] }),
    };
  });
  afterAll(() => t.close());

  it('has a row for every root operation in the schema, and none for operations that do not exist', () => {
    expect(Object.keys(CASES).sort()).toEqual(ROOT_OPERATIONS);
  });

  it.each(ROOT_OPERATIONS)('%s', async (operation) => {
    const c = CASES[operation];
    if (!c) throw new Error(`${operation} has no row in the permission matrix: say who may call it`);
    const wrong: string[] = [];
    // Refusals first, so an allowed call's effects cannot change what a refused one would see.
    const order = [...PRINCIPALS].sort((x, y) => Number(c.allow.includes(x)) - Number(c.allow.includes(y)));
    for (const who of order) {
      const res = await t.gql(c.document, await c.vars(world, who), world.tokens[who]);
      const code = res.errors?.[0]?.extensions.code as string | undefined;
      const allowed = c.allow.includes(who);
      if (allowed && (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED'))
        wrong.push(`${who}: expected allowed, got ${code} (${res.errors![0].message})`);
      if (!allowed && code !== 'FORBIDDEN')
        wrong.push(
          `${who}: expected FORBIDDEN, got ${code ?? 'data'} ${code ? `(${res.errors![0].message})` : ''}`,
        );
    }
    const anonymous = await t.gql(c.document, await c.vars(world, 'ADMIN'));
    if (anonymous.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED')
      wrong.push(
        `anonymous: expected UNAUTHENTICATED, got ${anonymous.errors?.[0]?.extensions.code ?? 'data'}`,
      );
    expect(wrong).toEqual([]);
  });
});
