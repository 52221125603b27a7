import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  GraphQLObjectType,
  GraphQLUnionType,
  isLeafType,
  isListType,
  getNullableType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { type Actor, Role } from '../../src/common/auth/actor.js';
import { isStructuralType } from '../../src/common/visibility/policy.js';
import { inAudience, Audiences, type AudienceName } from '../../src/common/visibility/audiences.js';
import { relationsOf, type Subject } from '../../src/common/visibility/relations.js';
import { Visibility } from '../../src/common/visibility/visibility.js';
import { OrganisationKind, Sector } from '../../src/modules/organisations/organisation.enums.js';
import { CATALOGUE } from '../../src/rota-core/index.js';
import { insertCredential, insertStaff, insertTeam, skillId } from '../fixtures/factories.js';
import { addShift, ASSIGN, createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The visibility matrix, generated from schema.gql: every query root is asked for everything it can reach (every
 * field of every object type, a few levels deep), by every kind of caller; then every object in every answer is
 * judged field by field against its type's policy — hidden fields must read null (or [], or their mask), visible
 * ones must equal what ADMIN reads for the same object, and objects outside a policy's rows must not appear at
 * all. Whose data each object is, the test works out from the world it built (not from the service's own
 * subject functions). A new type or field reached with no policy stops the service at start; a restricted field
 * that no caller here sees hidden, or none sees shown, fails the coverage check below.
 */

const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const MAX_DEPTH = 6;

/** Types no query reaches (only mutations return them); each says why it needs no row here. */
const MUTATION_ONLY: Record<string, string> = {
  RotaEdit: 'the answer to a change of a rota: the manager who made it',
  SkippedAssignment: 'inside a RotaEdit',
  ShiftTypeUpdate: 'updateShiftType result: the manager who changed the shift type',
  DeletedRota: 'deleteRota result',
  CalendarFeed: 'issueCalendarFeed result: the link for its owner',
  RuleViolations: 'assignStaff / publishRota refusal: the manager who asked',
  ShiftRequest: 'recordShiftRequest result: the person or their manager',
  MarkNotificationsReadResult: 'markNotificationsRead result: counts of the caller’s own inbox',
};

/**
 * Types a query reaches only in the caller's own inbox: ADMIN, who has no staff record or teams here, reaches
 * none (tests/e2e/notifications.e2e.spec.ts checks whose entries each caller sees).
 */
const OWN_INBOX_ONLY: Record<string, string> = {
  Notification: 'an inbox entry: its person, or the managers of its team',
};

/** A selection of every field of `type` (fields needing arguments left out), `depth` levels down. */
function selection(type: GraphQLNamedType, depth: number, path: ReadonlySet<string>): string {
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((m) => `... on ${m.name} ${selection(m, depth, path)}`)
      .join(' ')} }`;
  }
  const obj = type as GraphQLObjectType;
  const inner = new Set(path).add(obj.name);
  const parts = ['__typename'];
  for (const field of Object.values(obj.getFields())) {
    if (field.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && !path.has(named.name))
      parts.push(`${field.name} ${selection(named, depth - 1, inner)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

interface Person {
  id: string;
  employerId: string;
  homeTeamId: string | null;
}

interface World {
  agreementId: string;
  openShiftId: string;
  swapId: string;
  trust: RotaWorld;
  council: RotaWorld;
  provider: RotaWorld;
  ward2: string;
  people: Map<string, Person>;
  nurse: Person;
  colleague: Person;
  carer: Person;
  outsider: Person;
  jointRoles: Map<string, { partners: string[]; appointees: string[] }>;
  rotas: Map<string, { teamId: string; organisationId: string }>;
  rotaId: string;
  shiftId: string;
  importId: string;
  solveRunId: string;
}

type Caller =
  | 'ADMIN'
  | 'SELF'
  | 'COLLEAGUE'
  | 'LINE_MANAGER'
  | 'OTHER_MANAGER_SAME_EMPLOYER'
  | 'EMPLOYER_HR'
  | 'PARTNER_HR'
  | 'PARTNER_MANAGER'
  | 'PLACED_WORKER'
  | 'UNRELATED_HR'
  | 'UNRELATED_MANAGER';

let t: TestApp;
let world: World;
const actors = new Map<Caller, Actor>();
const tokens = new Map<Caller, string>();
let visibility: Visibility;

async function mint(caller: Caller, actor: Omit<Actor, 'subject'>): Promise<void> {
  const full: Actor = { subject: `matrix-${caller.toLowerCase()}`, ...actor };
  actors.set(caller, full);
  tokens.set(
    caller,
    await t.token({
      subject: full.subject,
      roles: [...actor.roles],
      organisationIds: [...actor.organisationIds],
      teamIds: [...actor.teamIds],
      staffId: actor.staffId,
    }),
  );
}

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const res = await t.gql(query, variables, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

async function buildWorld(): Promise<World> {
  const admin = await t.adminToken();
  const trust = await rotaWorld(t, 'Matrix');
  const council = await rotaWorld(t, 'Matrixshire');
  const provider = await rotaWorld(t, 'Matrix Care');
  await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
    council.orgId,
    OrganisationKind.LOCAL_AUTHORITY,
    Sector.SOCIAL_CARE,
  ]);
  await t.dataSource.query(`UPDATE organisation SET kind = $2, sector = $3 WHERE id = $1`, [
    provider.orgId,
    OrganisationKind.INDEPENDENT_CARE_PROVIDER,
    Sector.SOCIAL_CARE,
  ]);
  const ward2 = (await insertTeam(t.dataSource, trust.orgId, { name: 'Matrix Ward 2' })).id;
  const person = async (employerId: string, homeTeamId: string | null, extra = {}): Promise<Person> => {
    const s = await insertStaff(t.dataSource, employerId, {
      homeTeamId,
      email: `p${Math.random().toString(36).slice(2, 8)}@example.org`,
      phone: '07700 900123',
      employeeNumber: `E-${Math.random().toString(36).slice(2, 8)}`,
      ...extra,
    });
    return { id: s.id, employerId, homeTeamId };
  };
  // A 17-year-old on 10 contracted hours: her violations' details reveal age and contract.
  const nurse = await person(trust.orgId, trust.teamId, {
    dateOfBirth: '2013-05-01',
    contractedHoursPerWeek: 10,
    ruleLimits: { maxTotalMinutes: 6000, maxShiftsByType: { [trust.types.N!]: 2 } },
  });
  const colleague = await person(trust.orgId, trust.teamId);
  const carer = await person(council.orgId, council.teamId);
  const outsider = await person(provider.orgId, provider.teamId);
  const people = new Map([nurse, colleague, carer, outsider].map((p) => [p.id, p]));

  await insertCredential(t.dataSource, {
    staffId: nurse.id,
    skillId: await skillId(t.dataSource, 'CSTF_FIRE_SAFETY'),
    verifiedByOrganisationId: trust.orgId,
    expiresOn: '2027-06-01',
  });
  await insertCredential(t.dataSource, {
    staffId: carer.id,
    skillId: await skillId(t.dataSource, 'CSTF_FIRE_SAFETY'),
    verifiedByOrganisationId: council.orgId,
  });

  // The council's team needs a skill the nurse does not hold; the ward's rules tighten daily rest.
  await gql(
    `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id } }`,
    {
      input: {
        teamId: council.teamId,
        requiredSkillIds: [await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2')],
      },
    },
    admin,
  );
  await gql(
    `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id } }`,
    {
      input: {
        teamId: trust.teamId,
        ruleSet: {
          preset: 'WTR_1998',
          overrides: [
            { ruleCode: 'CONTRACTED_HOURS', params: [{ name: 'tolerancePercent', value: 5 }] },
            { ruleCode: 'REST_BREAK', params: [{ name: 'minBreakMinutes', value: 15 }] },
          ],
          // A derogation (ADMIN, with a reason) and a sequence no shift here follows.
          derogations: [{ ruleCode: 'REST_BREAK', param: 'minBreakMinutes', reason: 'Matrix derogation' }],
          forbiddenSequences: [{ first: 'LD', then: 'N' }],
        },
      },
    },
    admin,
  );

  // The carer is placed on the trust's ward (approved both sides); the nurse asks to go to the council's team.
  const place = async (staffId: string, hostTeamId: string, start: string, end: string) =>
    (
      await gql(
        `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
        {
          input: {
            staffId,
            hostTeamId,
            kind: 'ROTATION',
            startDate: start,
            endDate: end,
            hoursPerWeek: 30,
            reason: 'Winter',
          },
        },
        admin,
      )
    ).requestPlacement.id as string;
  const carerPlacement = await place(carer.id, trust.teamId, '2030-03-01', '2030-03-31');
  for (const side of ['HOME', 'HOST'])
    await gql(
      `mutation($id: ID!, $side: PlacementSide!) { decidePlacement(input: { placementId: $id, side: $side, decision: APPROVE, reason: "ok", overrideGaps: true }) { status } }`,
      { id: carerPlacement, side },
      admin,
    );
  await place(nurse.id, council.teamId, '2030-05-06', '2030-05-31');

  // A joint role between the trust and the council, with a cost, held by the nurse.
  const role = await gql(
    `mutation($input: CreateJointRoleInput!) { createJointRole(input: $input) { id } }`,
    {
      input: {
        title: 'Matrix discharge lead',
        staffGroup: 'NURSING',
        fte: 1,
        startDate: '2030-01-01',
        employmentModel: 'SECONDMENT',
        employingPartnerId: trust.orgId,
        lineManagementPartnerId: trust.orgId,
        supervisionPartnerId: council.orgId,
        annualCost: 52000,
        activate: true,
        partners: [
          { organisationId: trust.orgId, fundingSharePercent: 60, timeSharePercent: 50 },
          { organisationId: council.orgId, fundingSharePercent: 40, timeSharePercent: 50 },
        ],
      },
    },
    admin,
  );
  const jointRoleId = role.createJointRole.id as string;
  await gql(
    `mutation($input: AppointToJointRoleInput!) { appointToJointRole(input: $input) { id } }`,
    { input: { jointRoleId, staffId: nurse.id, startDate: '2030-01-01', fte: 0.5 } },
    admin,
  );

  // A published week on the ward: the nurse on a late then an early (short rest, overridden), all three working.
  const rota = await createRota(t, trust, '2030-03-04', '2030-03-10');
  const late = await addShift(t, trust, rota.id, 'L', '2030-03-04');
  const early = await addShift(t, trust, rota.id, 'E', '2030-03-05');
  const other = await addShift(t, trust, rota.id, 'E', '2030-03-06', {
    skillMix: [{ skillId: await skillId(t.dataSource, 'CSTF_FIRE_SAFETY'), count: 1 }],
  });
  const saturday = await addShift(t, trust, rota.id, 'E', '2030-03-08');
  const override = { reason: 'Agreed with her: exam week', ruleCodes: ['DAILY_REST', 'YOUNG_WORKER_LIMITS'] };
  for (const [shift, staff] of [
    [late.id, nurse.id],
    [early.id, nurse.id],
    [other.id, colleague.id],
    [other.id, carer.id],
    [saturday.id, nurse.id],
  ] as const) {
    const res = await t.gql(ASSIGN, { shift, staff, override }, trust.manager);
    if (res.data?.assignStaff.__typename !== 'RotaEdit') throw new Error(JSON.stringify(res));
  }
  const published = await t.gql(
    `mutation($id: ID!, $o: OverrideInput) { publishRota(input: { rotaId: $id, override: $o }) { __typename } }`,
    {
      id: rota.id,
      o: {
        reason: 'Agreed with the team',
        ruleCodes: ['DAILY_REST', 'YOUNG_WORKER_LIMITS', 'COVER_SKILL_MIX'],
      },
    },
    trust.manager,
  );
  if (published.data?.publishRota.__typename !== 'RotaEdit') throw new Error(JSON.stringify(published));
  // A change after publication, with its reason: the colleague comes off the 6th.
  const shift = await gql(
    `query($id: ID!) { rota(id: $id) { shifts { id assignments { id staffId } } } }`,
    { id: rota.id },
    trust.manager,
  );
  const colleagueAssignment = shift.rota.shifts
    .flatMap((x: { assignments: Array<{ id: string; staffId: string }> }) => x.assignments)
    .find((a: { staffId: string }) => a.staffId === colleague.id).id;
  await gql(
    `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id, reason: "Off sick: migraine" }) { __typename } }`,
    { id: colleagueAssignment },
    trust.manager,
  );

  // Then the nurse's sickness is approved: she is on the 8th, which rota.attention now flags.
  const absence = await gql(
    `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
    {
      input: {
        staffId: nurse.id,
        kind: 'SICKNESS',
        startDate: '2030-03-08',
        endDate: '2030-03-09',
        note: 'Chemotherapy follow-up',
      },
    },
    admin,
  );
  await gql(
    `mutation($id: ID!) { decideAbsence(input: { absenceId: $id, decision: APPROVE, reason: "Get well soon" }) { status } }`,
    { id: absence.requestAbsence.id },
    admin,
  );
  await gql(
    `mutation($input: RequestAbsenceInput!) { requestAbsence(input: $input) { id } }`,
    {
      input: {
        staffId: colleague.id,
        kind: 'ANNUAL_LEAVE',
        startDate: '2030-03-06',
        endDate: '2030-03-06',
        note: 'Wedding',
      },
    },
    admin,
  );

  await gql(
    `mutation($input: CreateRotaTemplateInput!) { createRotaTemplate(input: $input) { id } }`,
    { input: { name: 'Matrix weeks', fromRotaId: rota.id, weeks: 1 } },
    trust.manager,
  );

  const imported = await gql(
    `mutation($input: ImportCsvInput!) { importCsv(input: $input) { id } }`,
    {
      input: {
        kind: 'STAFF',
        organisationId: trust.orgId,
        csv: 'givenName,familyName,staffGroup,jobTitle,payFramework,payGrade,contractedHoursPerWeek\nDry,Run,NURSING,Nurse,AGENDA_FOR_CHANGE,5,37.5\nBad,Row,PLUMBING,Nurse,AGENDA_FOR_CHANGE,5,37.5\n',
        dryRun: true,
      },
    },
    admin,
  );

  // A bank agreement between the trust and the council; the carer claims an open shift on the ward's Saturday
  // and the ward's manager approves it; the nurse offers her late of the 4th to her colleague.
  const agreement = await gql(
    `mutation($input: ProposeBankAgreementInput!) { proposeBankAgreement(input: $input) { id } }`,
    { input: { organisationId: trust.orgId, partnerOrganisationId: council.orgId, startDate: '2030-01-01' } },
    await t.token({ roles: [Role.HR], organisationIds: [trust.orgId] }),
  );
  const agreementId = agreement.proposeBankAgreement.id as string;
  await gql(
    `mutation($id: ID!) { decideBankAgreement(input: { bankAgreementId: $id, decision: APPROVE }) { status } }`,
    { id: agreementId },
    await t.token({ roles: [Role.HR], organisationIds: [council.orgId] }),
  );
  const offer = await gql(
    `mutation($input: PublishOpenShiftInput!) { publishOpenShift(input: $input) { id } }`,
    { input: { shiftId: saturday.id, places: 2, note: 'Saturday cover' } },
    trust.manager,
  );
  const openShiftId = offer.publishOpenShift.id as string;
  const claim = await gql(
    `mutation($id: ID!) { claimOpenShift(input: { openShiftId: $id }) { __typename ... on OpenShiftClaim { id } ... on RuleViolations { message } } }`,
    { id: openShiftId },
    await t.token({ roles: [Role.STAFF], staffId: carer.id }),
  );
  if (!claim.claimOpenShift.id) throw new Error(JSON.stringify(claim));
  const approved = await gql(
    `mutation($id: ID!) { decideOpenShiftClaim(input: { claimId: $id, decision: APPROVE }) { __typename } }`,
    { id: claim.claimOpenShift.id },
    trust.manager,
  );
  if (approved.decideOpenShiftClaim.__typename !== 'OpenShiftClaim')
    throw new Error(JSON.stringify(approved));
  const nurseLate = (
    await gql(
      `query($id: ID!) { rota(id: $id) { shifts { id assignments { id staffId } } } }`,
      { id: rota.id },
      trust.manager,
    )
  ).rota.shifts
    .find((x: { id: string }) => x.id === late.id)
    .assignments.find((a: { staffId: string }) => a.staffId === nurse.id).id as string;
  const swap = await gql(
    `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { __typename ... on ShiftSwap { id } ... on RuleViolations { message } } }`,
    { input: { assignmentId: nurseLate, colleagueId: colleague.id, message: 'Hospital appointment' } },
    await t.token({ roles: [Role.STAFF], staffId: nurse.id }),
  );
  if (!swap.proposeShiftSwap.id) throw new Error(JSON.stringify(swap));

  return {
    agreementId,
    openShiftId,
    swapId: swap.proposeShiftSwap.id as string,
    trust,
    council,
    provider,
    ward2,
    people,
    nurse,
    colleague,
    carer,
    outsider,
    jointRoles: new Map([[jointRoleId, { partners: [trust.orgId, council.orgId], appointees: [nurse.id] }]]),
    rotas: new Map([[rota.id, { teamId: trust.teamId, organisationId: trust.orgId }]]),
    rotaId: rota.id,
    shiftId: other.id,
    importId: imported.importCsv.id,
    solveRunId: await solved(rota.id, trust.manager),
  };
}

/** A solve run of the rota with its proposal (a short, fixed move budget), once a worker has finished it. */
async function solved(rotaId: string, manager: string): Promise<string> {
  const started = await gql(
    `mutation($input: SolveRotaInput!) { solveRota(input: $input) { id } }`,
    { input: { rotaId, seconds: 60, seed: 1, maxMoves: 2_000 } },
    manager,
  );
  const id: string = started.solveRota.id;
  for (let i = 0; i < 3_000; i++) {
    const run = await gql(`query($id: ID!) { solveRun(id: $id) { status error } }`, { id }, manager);
    if (run.solveRun.status === 'SUCCEEDED') return id;
    if (run.solveRun.status !== 'QUEUED' && run.solveRun.status !== 'RUNNING') {
      throw new Error(`solve run ${run.solveRun.status}: ${run.solveRun.error}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the solve run did not finish');
}

/** Query roots and the arguments that reach this world. */
function roots(w: World): Array<{ field: string; args: string }> {
  return [
    { field: 'me', args: '' },
    { field: 'staff', args: '(first: 50)' },
    { field: 'staffMember', args: `(id: "${w.nurse.id}")` },
    { field: 'organisations', args: '(first: 50)' },
    { field: 'organisation', args: `(id: "${w.trust.orgId}")` },
    { field: 'teams', args: `(organisationId: "${w.trust.orgId}", first: 50)` },
    { field: 'team', args: `(id: "${w.trust.teamId}")` },
    { field: 'skills', args: '' },
    { field: 'jointRoles', args: '(first: 50)' },
    { field: 'jointRole', args: `(id: "${[...w.jointRoles.keys()][0]}")` },
    { field: 'placements', args: '(first: 50)' },
    { field: 'rotas', args: `(teamId: "${w.trust.teamId}", from: "2030-03-01", to: "2030-03-31")` },
    { field: 'rota', args: `(id: "${w.rotaId}")` },
    { field: 'myShifts', args: '(from: "2030-03-01", to: "2030-03-31")' },
    { field: 'myAbsences', args: '(from: "2030-01-01", to: "2030-12-31")' },
    { field: 'checkRota', args: `(rotaId: "${w.rotaId}")` },
    { field: 'previewAssignment', args: `(shiftId: "${w.shiftId}", staffId: "${w.nurse.id}")` },
    { field: 'eligibleStaff', args: `(shiftId: "${w.shiftId}", first: 20)` },
    { field: 'passportReadiness', args: `(staffId: "${w.nurse.id}", teamId: "${w.council.teamId}")` },
    { field: 'ruleCatalogue', args: '' },
    { field: 'jointRoleReport', args: '(from: "2030-01-01", to: "2030-12-31")' },
    { field: 'placementReport', args: '(from: "2030-01-01", to: "2030-12-31")' },
    { field: 'complianceReport', args: '(from: "2030-01-01", to: "2030-12-31")' },
    { field: 'credentialExpiryReport', args: '(withinDays: 730)' },
    { field: 'auditEvents', args: '(first: 20)' },
    { field: 'rotaTemplates', args: `(teamId: "${w.trust.teamId}")` },
    { field: 'imports', args: `(organisationId: "${w.trust.orgId}")` },
    { field: 'import', args: `(id: "${w.importId}")` },
    { field: 'solveRun', args: `(id: "${w.solveRunId}")` },
    { field: 'solveRuns', args: `(rotaId: "${w.rotaId}")` },
    { field: 'solverRuleWeights', args: '' },
    { field: 'notifications', args: '(first: 50)' },
    { field: 'bankAgreements', args: '(first: 50)' },
    { field: 'bankAgreement', args: `(id: "${w.agreementId}")` },
    { field: 'openShifts', args: '(first: 50)' },
    { field: 'openShift', args: `(id: "${w.openShiftId}")` },
    { field: 'shiftSwaps', args: '(first: 50)' },
    { field: 'shiftSwap', args: `(id: "${w.swapId}")` },
    { field: 'bankReport', args: '(from: "2030-01-01", to: "2030-12-31")' },
    { field: 'unreadNotificationCount', args: '' },
  ];
}

const PERSONAL_RULES = new Set(CATALOGUE.filter((r) => r.personalDetails).map((r) => r.code));

/** Whose data an object is, worked out from the world (and the objects above it in the answer). */
function subjectOf(
  type: string,
  obj: Record<string, any>,
  ancestors: Array<Record<string, any>>,
): Subject | null {
  const person = (id: string | undefined | null): Subject => {
    const p = id ? world.people.get(id) : undefined;
    return p ? { staffId: p.id, employerId: p.employerId, homeTeamId: p.homeTeamId } : { staffId: id };
  };
  const nearest = (typename: string) => [...ancestors].reverse().find((a) => a.__typename === typename);
  const rotaTeam = (): Subject => {
    // The rota above it, or the rota of the shift above it (a proposal's shifts are reached without their rota).
    const rotaId = nearest('Rota')?.id ?? nearest('Shift')?.rotaId;
    const r = rotaId ? world.rotas.get(rotaId) : undefined;
    return r ? { teamIds: [r.teamId], organisationIds: [r.organisationId] } : {};
  };
  switch (type) {
    case 'StaffMember':
      return person(obj.id);
    case 'Absence':
    case 'PassportReadiness':
      return person(obj.staffId);
    case 'Credential':
      return { ...person(obj.staffId), organisationIds: [obj.verifiedByOrganisationId] };
    case 'Violation':
      return obj.staffId && PERSONAL_RULES.has(obj.ruleCode) ? person(obj.staffId) : null;
    case 'JointRole': {
      const r = world.jointRoles.get(obj.id)!;
      return { organisationIds: r.partners, staffIds: r.appointees };
    }
    case 'JointRolePartner':
      return { organisationIds: world.jointRoles.get(nearest('JointRole')!.id)!.partners };
    case 'JointRoleAppointment':
      return { ...person(obj.staffId), organisationIds: world.jointRoles.get(obj.jointRoleId)!.partners };
    case 'Placement':
      return {
        ...person(obj.staffId),
        organisationIds: [obj.homeOrganisationId, obj.hostOrganisationId],
        teamIds: [obj.hostTeamId],
      };
    case 'RotaChange':
    case 'RuleOverride':
      return rotaTeam();
    case 'BankAgreement':
      return { organisationIds: [obj.proposerOrganisationId, obj.partnerOrganisationId] };
    case 'OpenShiftClaim':
      // Every open shift here is on the trust's ward.
      return { ...person(obj.staffId), organisationIds: [world.trust.orgId], teamIds: [world.trust.teamId] };
    case 'ShiftSwap': {
      const r = world.rotas.get(obj.rotaId)!;
      return {
        staffId: obj.staffId,
        staffIds: [obj.colleagueId],
        teamIds: [r.teamId],
        organisationIds: [r.organisationId],
      };
    }
    case 'AttentionItem': {
      const r = world.rotas.get(obj.rotaId)!;
      return { teamIds: [r.teamId], organisationIds: [r.organisationId] };
    }
    default:
      return null;
  }
}

/** One object of a policed type in one caller's answer. */
interface Seen {
  root: string;
  caller: Caller;
  type: string;
  obj: Record<string, any>;
  ancestors: Array<Record<string, any>>;
}

function collect(
  value: unknown,
  type: GraphQLNamedType,
  root: string,
  caller: Caller,
  ancestors: Array<Record<string, any>>,
  out: Seen[],
) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, type, root, caller, ancestors, out);
    return;
  }
  const obj = value as Record<string, any>;
  const concrete = schema.getType(obj.__typename) as GraphQLObjectType;
  if (!concrete) return;
  out.push({ root, caller, type: concrete.name, obj, ancestors });
  for (const field of Object.values(concrete.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    const named = getNamedType(field.type);
    if (obj[field.name] !== undefined && (isObjectType(named) || isUnionType(named))) {
      collect(obj[field.name], named, root, caller, [...ancestors, obj], out);
    }
  }
}

/** A key identifying the same object in two callers' answers (undefined: no stable key). */
function keyOf(s: Seen): string | undefined {
  const o = s.obj;
  if (typeof o.id === 'string') return `${s.type}:${o.id}`;
  if (s.type === 'Violation')
    return `V:${o.ruleCode}:${o.staffId}:${(o.shiftIds ?? []).join(',')}:${o.windowStart}`;
  if (s.type === 'JointRolePartner') return `JRP:${s.ancestors.at(-1)?.id}:${o.organisationId}`;
  return undefined;
}

describe('visibility matrix (every type reached × every caller × every field)', () => {
  const seen: Seen[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      graphql: { maxDepth: 40, maxCost: Number.MAX_SAFE_INTEGER, maxAliases: 1000 },
      solver: { workers: 1, maxSeconds: 600 },
    });
    visibility = t.app.get(Visibility);
    world = await buildWorld();
    const w = world;
    const staff = (p: Person, orgs: string[]) => ({
      roles: new Set([Role.STAFF]),
      organisationIds: orgs,
      teamIds: [],
      staffId: p.id,
    });
    await mint('ADMIN', { roles: new Set([Role.ADMIN]), organisationIds: [], teamIds: [] });
    await mint('SELF', staff(w.nurse, [w.trust.orgId]));
    await mint('COLLEAGUE', staff(w.colleague, [w.trust.orgId]));
    await mint('PLACED_WORKER', staff(w.carer, [w.council.orgId]));
    await mint('LINE_MANAGER', {
      roles: new Set([Role.MANAGER]),
      organisationIds: [w.trust.orgId],
      teamIds: [w.trust.teamId],
    });
    await mint('OTHER_MANAGER_SAME_EMPLOYER', {
      roles: new Set([Role.MANAGER]),
      organisationIds: [w.trust.orgId],
      teamIds: [w.ward2],
    });
    await mint('EMPLOYER_HR', { roles: new Set([Role.HR]), organisationIds: [w.trust.orgId], teamIds: [] });
    await mint('PARTNER_HR', { roles: new Set([Role.HR]), organisationIds: [w.council.orgId], teamIds: [] });
    await mint('PARTNER_MANAGER', {
      roles: new Set([Role.MANAGER]),
      organisationIds: [w.council.orgId],
      teamIds: [w.council.teamId],
    });
    await mint('UNRELATED_HR', {
      roles: new Set([Role.HR]),
      organisationIds: [w.provider.orgId],
      teamIds: [],
    });
    await mint('UNRELATED_MANAGER', {
      roles: new Set([Role.MANAGER]),
      organisationIds: [w.provider.orgId],
      teamIds: [w.provider.teamId],
    });

    const query = schema.getQueryType()!;
    for (const root of roots(w)) {
      const field = query.getFields()[root.field]!;
      const named = getNamedType(field.type);
      const document = `{ ${root.field}${root.args} ${isLeafType(named) ? '' : selection(named, MAX_DEPTH, new Set())} }`;
      for (const [caller, token] of tokens) {
        const res = await t.gql(document, {}, token);
        const value = res.data?.[root.field];
        if (value === undefined || value === null) {
          // Refused at the root (FORBIDDEN, or myShifts / myAbsences without a staff record) is fine; nothing else is.
          const e = res.errors?.[0]?.extensions;
          if (e?.code !== 'FORBIDDEN' && e?.field !== 'token')
            throw new Error(`${caller} ${root.field}: ${JSON.stringify(res.errors)}`);
          continue;
        }
        const codes = (res.errors ?? []).map((e) => e.extensions.code).filter((c) => c !== 'FORBIDDEN');
        if (codes.length) throw new Error(`${caller} ${root.field}: ${JSON.stringify(res.errors)}`);
        collect(value, named, root.field, caller, [], seen);
      }
    }
  });
  afterAll(() => t.close());

  it('shows each caller exactly the rows and fields its policy gives them, on every path', () => {
    const byKey = new Map<string, Record<string, any>>();
    for (const s of seen)
      if (s.caller === 'ADMIN') {
        const k = keyOf(s);
        if (k) byKey.set(k, s.obj);
      }
    const wrong: string[] = [];
    for (const s of seen) {
      const compiled = visibility.policyOf(s.type);
      if (!compiled) continue;
      const subject = subjectOf(s.type, s.obj, s.ancestors);
      const relations = subject ? relationsOf(actors.get(s.caller), subject) : null;
      const can = (a: AudienceName) => relations === null || inAudience(Audiences[a], relations);
      const where = `${s.caller} ${s.type} ${s.obj.id ?? keyOf(s) ?? ''}`;
      const rows = compiled.policy.rows;
      if (rows !== undefined && !(typeof rows === 'string' ? can(rows) : rows(s.obj, can))) {
        wrong.push(`${where}: shown, but outside the type's rows`);
        continue;
      }
      const admin = byKey.get(keyOf(s) ?? '');
      for (const [field, audience] of compiled.audienceOf) {
        if (!(field in s.obj)) continue;
        const value = s.obj[field];
        const visible = relations === null || inAudience(audience, relations);
        if (!visible) {
          const masked = compiled.policy.masks?.[field];
          const hidden = value === null || (Array.isArray(value) && value.length === 0);
          if (!hidden && !masked)
            wrong.push(`${where}.${field}: ${audience.name} but shown (${JSON.stringify(value)})`);
          if (masked && admin && admin[field] !== null && value === admin[field] && relations !== null) {
            wrong.push(`${where}.${field}: masked for ${audience.name} but reads what ADMIN reads`);
          }
        } else if (
          admin &&
          isLeafType(getNamedType((schema.getType(s.type) as GraphQLObjectType).getFields()[field]!.type))
        ) {
          if (JSON.stringify(value) !== JSON.stringify(admin[field])) {
            wrong.push(
              `${where}.${field}: ${audience.name}, visible to them, but reads ${JSON.stringify(value)} (ADMIN: ${JSON.stringify(admin[field])})`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('reaches every object type a query can reach, and shows and hides every restricted field at least once', () => {
    const reached = new Set(seen.filter((s) => s.caller === 'ADMIN').map((s) => s.type));
    const missing = Object.values(schema.getTypeMap())
      .filter((ty): ty is GraphQLObjectType => ty instanceof GraphQLObjectType)
      .map((ty) => ty.name)
      .filter((n) => !n.startsWith('__') && !['Query', 'Mutation'].includes(n) && !isStructuralType(n))
      .filter((n) => !reached.has(n) && !MUTATION_ONLY[n] && !OWN_INBOX_ONLY[n]);
    expect(missing).toEqual([]);

    const unexercised: string[] = [];
    for (const type of reached) {
      const compiled = visibility.policyOf(type);
      for (const { field, audience } of compiled?.restricted ?? []) {
        let shown = false;
        let hidden = false;
        for (const s of seen.filter((x) => x.type === type && field in x.obj)) {
          const subject = subjectOf(type, s.obj, s.ancestors);
          const relations = subject ? relationsOf(actors.get(s.caller), subject) : null;
          if (relations === null || inAudience(audience, relations)) shown = true;
          else hidden = true;
        }
        if (!shown || !hidden)
          unexercised.push(`${type}.${field} (${audience.name}): shown ${shown}, hidden ${hidden}`);
      }
    }
    expect(unexercised).toEqual([]);
  });

  it('lists every type reached only through mutations with the reason it needs no query here', () => {
    // Every type a mutation's answer can hold, however deep.
    const reachable = new Set<string>();
    const visit = (type: GraphQLNamedType) => {
      if (reachable.has(type.name)) return;
      if (type instanceof GraphQLUnionType) {
        reachable.add(type.name);
        type.getTypes().forEach(visit);
      } else if (type instanceof GraphQLObjectType) {
        reachable.add(type.name);
        for (const f of Object.values(type.getFields())) visit(getNamedType(f.type));
      }
    };
    for (const m of Object.values(schema.getMutationType()!.getFields())) visit(getNamedType(m.type));
    for (const name of Object.keys(MUTATION_ONLY)) {
      const type = schema.getType(name);
      expect(type && isObjectType(type)).toBe(true);
      expect(reachable.has(name)).toBe(true);
    }
    // Lists of a policed type are judged element by element (a hidden row leaves the list).
    expect(isListType(getNullableType(schema.getQueryType()!.getFields().skills!.type))).toBe(true);
  });
});
