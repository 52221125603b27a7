import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { addDays, localDateOf } from '../../src/rota-core/dates.js';
import {
  insertCredential,
  insertOrganisation,
  insertStaff,
  insertTeam,
  skillId,
} from '../fixtures/factories.js';
import {
  addShift,
  ASSIGN,
  assignedOf,
  createRota,
  publish,
  rotaWorld,
  type RotaWorld,
} from '../fixtures/rota-setup.js';
import { errorCode, startTestApp, type TestApp } from '../fixtures/test-app.js';

const PROPOSE = `mutation($input: ProposeBankAgreementInput!) { proposeBankAgreement(input: $input) { id status version decisions { organisationId decision } } }`;
const DECIDE_AGREEMENT = `mutation($input: DecideBankAgreementInput!) { decideBankAgreement(input: $input) { id status version decisions { organisationId decision reason } } }`;
const END_AGREEMENT = `mutation($input: EndBankAgreementInput!) { endBankAgreement(input: $input) { id status endDate endReason } }`;
const OFFER = `mutation($input: PublishOpenShiftInput!) { publishOpenShift(input: $input) { id places placesLeft status localDate startTime team { id } shiftType { code } } }`;
const CLAIM = `mutation($id: ID!) { claimOpenShift(input: { openShiftId: $id }) {
  __typename
  ... on OpenShiftClaim { id status place bankAgreementId assignmentId }
  ... on RuleViolations { hardCount message violations { ruleCode staffId } }
} }`;
const DECIDE_CLAIM = `mutation($input: DecideOpenShiftClaimInput!) { decideOpenShiftClaim(input: $input) {
  __typename
  ... on OpenShiftClaim { id status assignmentId decidedBy { id } reason }
  ... on RuleViolations { hardCount message violations { ruleCode } }
} }`;
const OPEN_SHIFTS = `query($filter: OpenShiftFilter) { openShifts(filter: $filter, first: 50) { totalCount edges { node {
  id status places placesLeft myReadiness { reason } claims { id staffId status } } } } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { kind title links } } } }`;
const SWAP = `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) {
  __typename
  ... on ShiftSwap { id status version }
  ... on RuleViolations { hardCount message violations { ruleCode staffId } }
} }`;
const RESPOND = `mutation($input: RespondToShiftSwapInput!) { respondToShiftSwap(input: $input) {
  __typename ... on ShiftSwap { id status } ... on RuleViolations { hardCount message }
} }`;
const DECIDE_SWAP = `mutation($input: DecideShiftSwapInput!) { decideShiftSwap(input: $input) {
  __typename ... on ShiftSwap { id status decidedBy { id } } ... on RuleViolations { hardCount message violations { ruleCode } }
} }`;
const ISSUE_FEED = `mutation { issueCalendarFeed { url } }`;
const BANK_REPORT = `query($from: LocalDate!, $to: LocalDate!) { bankReport(from: $from, to: $to) {
  bankShifts crossOrganisationShifts places filled fillPercent medianHoursToFill
  byOrganisationPair { workerOrganisationId hostOrganisationId direction shifts people hours }
  byTeam { teamId offers places filled fillPercent }
} }`;

const kinds = (res: { data?: Record<string, any> | null }) =>
  (res.data!.notifications.edges as Array<{ node: { kind: string; links: Record<string, string> } }>).map(
    (e) => e.node,
  );

describe('staff mobility: bank agreements, open shifts, swaps (GraphQL over HTTP)', () => {
  let t: TestApp;
  let ward: RotaWorld; // the trust's ward (host)
  let council: { id: string };
  let other: { id: string };
  let councilTeam: { id: string };
  let trustHr: string;
  let councilHr: string;
  let MH: string;
  let rotaId: string;
  const today = localDateOf(new Date());
  const day = (n: number) => addDays(today, n);
  const shifts: Record<string, { id: string }> = {};
  let agreementId: string;

  /** A staff member of `org` with moving-and-handling verified by the trust (ready at the ward), and their token. */
  const person = async (org: string, ready = true, homeTeamId: string | null = null) => {
    const staff = await insertStaff(t.dataSource, org, { homeTeamId, contractedHoursPerWeek: 0 });
    if (ready)
      await insertCredential(t.dataSource, {
        staffId: staff.id,
        skillId: MH,
        verifiedByOrganisationId: ward.orgId,
        obtainedOn: '2025-01-01',
        expiresOn: null,
      });
    return { staff, token: await t.token({ roles: [Role.STAFF], staffId: staff.id }) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    ward = await rotaWorld(t, 'Bank');
    council = await insertOrganisation(t.dataSource, { name: 'Shire Council' });
    await t.dataSource.query(
      `UPDATE organisation SET kind = 'LOCAL_AUTHORITY', sector = 'SOCIAL_CARE' WHERE id = $1`,
      [council.id],
    );
    councilTeam = await insertTeam(t.dataSource, council.id, { name: 'Reablement' });
    other = await insertOrganisation(t.dataSource, { name: 'Elsewhere Trust' });
    trustHr = await t.token({ roles: [Role.HR], organisationIds: [ward.orgId] });
    councilHr = await t.token({ roles: [Role.HR], organisationIds: [council.id] });
    MH = await skillId(t.dataSource, 'CSTF_MOVING_HANDLING_L2');
    await t.dataSource.query(`INSERT INTO team_required_skill (team_id, skill_id) VALUES ($1, $2)`, [
      ward.teamId,
      MH,
    ]);
    // A published rota on the ward: early shifts on days 5–9 wanting two people, one of the ward's own on each.
    const rota = await createRota(t, ward, day(5), day(12));
    rotaId = rota.id;
    const own = await person(ward.orgId, true, ward.teamId);
    for (const n of [5, 6, 7, 8, 9]) {
      shifts[`E${n}`] = await addShift(t, ward, rota.id, 'E', day(n), {
        minHeadcount: 1,
        targetHeadcount: 2,
      });
      expect(
        assignedOf(await t.gql(ASSIGN, { shift: shifts[`E${n}`]!.id, staff: own.staff.id }, ward.manager))
          .__typename,
      ).toBe('Assignment');
    }
    shifts.L10 = await addShift(t, ward, rota.id, 'L', day(10), { minHeadcount: 0, targetHeadcount: 1 });
    await publish(t, ward.manager, rota.id, ['COVER_MIN_HEADCOUNT']);
  });
  afterAll(() => t.close());

  it('a bank agreement is proposed by one organisation’s HR and approved by the other’s, decisions kept', async () => {
    const proposed = await t.gql(
      PROPOSE,
      { input: { partnerOrganisationId: council.id, startDate: today, terms: 'Mutual aid bank, AfC rates' } },
      trustHr,
    );
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposeBankAgreement).toMatchObject({
      status: 'PROPOSED',
      decisions: [{ organisationId: ward.orgId, decision: 'APPROVE' }],
    });
    agreementId = proposed.data!.proposeBankAgreement.id;
    // The proposer cannot approve its own proposal; a second live agreement for the pair is refused.
    const self = await t.gql(
      DECIDE_AGREEMENT,
      { input: { bankAgreementId: agreementId, decision: 'APPROVE' } },
      trustHr,
    );
    expect(errorCode(self)).toBe('FORBIDDEN');
    const again = await t.gql(
      PROPOSE,
      { input: { partnerOrganisationId: ward.orgId, startDate: today } },
      councilHr,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0]!.extensions.field).toBe('input.partnerOrganisationId');
    const reject = await t.gql(
      DECIDE_AGREEMENT,
      { input: { bankAgreementId: agreementId, decision: 'REJECT' } },
      councilHr,
    );
    expect(errorCode(reject)).toBe('BAD_USER_INPUT');
    expect(reject.errors![0]!.extensions.field).toBe('input.reason');
    const approved = await t.gql(
      DECIDE_AGREEMENT,
      { input: { bankAgreementId: agreementId, decision: 'APPROVE', expectedVersion: 1 } },
      councilHr,
    );
    expect(approved.data!.decideBankAgreement).toMatchObject({
      status: 'ACTIVE',
      version: 2,
      decisions: [
        { organisationId: ward.orgId, decision: 'APPROVE' },
        { organisationId: council.id, decision: 'APPROVE' },
      ],
    });
    // The ward's managers are told partner staff may now claim its open shifts.
    expect(kinds(await t.gql(NOTIFICATIONS, {}, ward.manager))).toContainEqual(
      expect.objectContaining({ kind: 'BANK_AGREEMENT_DECIDED', links: { bankAgreementId: agreementId } }),
    );
  });

  it('a council care worker claims a trust ward’s open shift under the agreement: on the rota, in her calendar and in the report', async () => {
    const carer = await person(council.id, true, councilTeam.id);
    const offer = await t.gql(OFFER, { input: { shiftId: shifts.E5!.id, note: 'Bay 2' } }, ward.manager);
    expect(offer.errors).toBeUndefined();
    expect(offer.data!.publishOpenShift).toMatchObject({
      places: 1,
      placesLeft: 1,
      status: 'OPEN',
      localDate: day(5),
    });
    const openShiftId = offer.data!.publishOpenShift.id;

    // She was told, and sees it among the shifts she could claim, ready.
    expect(kinds(await t.gql(NOTIFICATIONS, {}, carer.token))).toContainEqual(
      expect.objectContaining({
        kind: 'OPEN_SHIFT_AVAILABLE',
        links: expect.objectContaining({ openShiftId }),
      }),
    );
    const claimable = await t.gql(OPEN_SHIFTS, { filter: { claimable: true } }, carer.token);
    expect(claimable.data!.openShifts.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ id: openShiftId, myReadiness: [] }),
    );

    const claimed = await t.gql(CLAIM, { id: openShiftId }, carer.token);
    expect(claimed.data!.claimOpenShift).toMatchObject({
      __typename: 'OpenShiftClaim',
      status: 'PENDING',
      place: 1,
      bankAgreementId: agreementId,
      assignmentId: null,
    });
    const claimId = claimed.data!.claimOpenShift.id;
    // A pending claim holds the place; nothing is on the rota yet.
    const [{ n: before }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM assignment WHERE staff_id = $1 AND cancelled_at IS NULL`,
      [carer.staff.id],
    );
    expect(before).toBe(0);
    expect(kinds(await t.gql(NOTIFICATIONS, {}, ward.manager))).toContainEqual(
      expect.objectContaining({ kind: 'OPEN_SHIFT_CLAIMED' }),
    );

    const approved = await t.gql(
      DECIDE_CLAIM,
      { input: { claimId, decision: 'APPROVE', reason: 'Welcome to Bay 2' } },
      ward.manager,
    );
    expect(approved.data!.decideOpenShiftClaim).toMatchObject({
      __typename: 'OpenShiftClaim',
      status: 'APPROVED',
    });
    const assignmentId = approved.data!.decideOpenShiftClaim.assignmentId;
    const [row] = await t.dataSource.query(
      `SELECT a.basis::text AS basis, a.shift_id, a.open_shift_claim_id FROM assignment a WHERE a.id = $1`,
      [assignmentId],
    );
    expect(row).toEqual({ basis: 'BANK', shift_id: shifts.E5!.id, open_shift_claim_id: claimId });
    const offered = await t.gql(
      `query($id: ID!) { openShift(id: $id) { status placesLeft filledAt } }`,
      { id: openShiftId },
      ward.manager,
    );
    expect(offered.data!.openShift).toMatchObject({ status: 'FILLED', placesLeft: 0 });

    // The rota as its manager reads it: her assignment with basis BANK, and the rota is still lawful (authorised).
    const rota = await t.gql(
      `query($id: ID!) { rota(id: $id) { shifts { id assignments { staffId basis } } } }`,
      { id: rotaId },
      ward.manager,
    );
    const e5 = rota.data!.rota.shifts.find((s: any) => s.id === shifts.E5!.id);
    expect(e5.assignments).toContainEqual({ staffId: carer.staff.id, basis: 'BANK' });
    const [{ n: unauthorised }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM rota_violation WHERE rota_id = $1 AND rule_code = 'NOT_AUTHORISED_AT_TEAM'`,
      [rotaId],
    );
    expect(unauthorised).toBe(0);

    // Automatic rostering keeps it: a solve run of the rota locks her bank shift.
    const solve = await t.gql(
      `mutation($id: ID!) { solveRota(input: { rotaId: $id, seconds: 5, seed: 1 }) { options { lockedAssignmentIds } } }`,
      { id: rotaId },
      ward.manager,
    );
    expect(solve.data!.solveRota.options.lockedAssignmentIds).toContain(assignmentId);

    // Her calendar feed shows it as a bank shift at the trust's ward.
    const issued = (await t.gql(ISSUE_FEED, {}, carer.token)).data!.issueCalendarFeed;
    const u = new URL(issued.url);
    const feed = await request(t.http).get(`${u.pathname}${u.search}`);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('Worked as: bank shift.');
    expect(feed.text).toContain('Bank Ward');

    // She was told it is approved; the trust's HR report counts it (social care → health).
    expect(kinds(await t.gql(NOTIFICATIONS, {}, carer.token)).map((n) => n.kind)).toContain(
      'OPEN_SHIFT_CLAIM_DECIDED',
    );
    const report = await t.gql(BANK_REPORT, { from: day(0), to: day(30) }, trustHr);
    expect(report.errors).toBeUndefined();
    expect(report.data!.bankReport.byOrganisationPair).toContainEqual({
      workerOrganisationId: council.id,
      hostOrganisationId: ward.orgId,
      direction: 'SOCIAL_CARE_TO_HEALTH',
      shifts: 1,
      people: 1,
      hours: 7.5,
    });
    expect(report.data!.bankReport).toMatchObject({
      bankShifts: 1,
      crossOrganisationShifts: 1,
      places: 1,
      filled: 1,
      fillPercent: 100,
    });
    const csv = await request(t.http)
      .get('/reports/bankReport.csv')
      .query({ from: day(0), to: day(30) })
      .set('Authorization', `Bearer ${trustHr}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('SOCIAL_CARE_TO_HEALTH');
  });

  it('two concurrent claims for the last place: one wins, the other gets CONFLICT', async () => {
    const a = await person(council.id);
    const b = await person(council.id);
    const offer = await t.gql(OFFER, { input: { shiftId: shifts.E6!.id, places: 1 } }, ward.manager);
    const id = offer.data!.publishOpenShift.id;
    const results = await Promise.all([t.gql(CLAIM, { id }, a.token), t.gql(CLAIM, { id }, b.token)]);
    const won = results.filter((r) => r.data?.claimOpenShift?.__typename === 'OpenShiftClaim');
    const lost = results.filter((r) => errorCode(r) === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions).toMatchObject({
      reason: 'NO_PLACE_LEFT',
      field: 'input.openShiftId',
    });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM open_shift_claim WHERE open_shift_id = $1 AND status IN ('PENDING', 'APPROVED')`,
      [id],
    );
    expect(n).toBe(1);
  });

  it('refuses people with no agreement, an unready passport, or a rota the claim would make unlawful', async () => {
    const offer = await t.gql(OFFER, { input: { shiftId: shifts.E7!.id, places: 1 } }, ward.manager);
    const id = offer.data!.publishOpenShift.id;
    const stranger = await person(other.id);
    expect(errorCode(await t.gql(CLAIM, { id }, stranger.token))).toBe('FORBIDDEN');
    const strangerSees = await t.gql(OPEN_SHIFTS, { filter: { claimable: true } }, stranger.token);
    expect(strangerSees.data!.openShifts.totalCount).toBe(0);
    const unready = await person(council.id, false);
    const refused = await t.gql(CLAIM, { id }, unready.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions.field).toBe('input.openShiftId');
    expect(refused.errors![0]!.message).toMatch(/moving and handling.*\(missing\)/i);

    // A council carer on a council late shift the evening before: the ward's early would break daily rest.
    const tired = await person(council.id);
    const councilWard = await rotaWorldOf(t, council.id, councilTeam.id);
    const cRota = await createRota(t, councilWard, day(6), day(6));
    const late = await addShift(t, councilWard, cRota.id, 'L', day(6));
    expect(
      assignedOf(await t.gql(ASSIGN, { shift: late.id, staff: tired.staff.id }, councilWard.manager))
        .__typename,
    ).toBe('Assignment');
    await publish(t, councilWard.manager, cRota.id);
    const unlawful = await t.gql(CLAIM, { id }, tired.token);
    expect(unlawful.data!.claimOpenShift.__typename).toBe('RuleViolations');
    expect(unlawful.data!.claimOpenShift.violations.map((v: any) => v.ruleCode)).toContain('DAILY_REST');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM open_shift_claim WHERE open_shift_id = $1`,
      [id],
    );
    expect(n).toBe(0);
  });

  it('the host’s own staff are approved by the offer’s rule, onto the rota at once', async () => {
    const sisterTeam = await insertTeam(t.dataSource, ward.orgId, { name: 'Ward 12' });
    const nurse = await person(ward.orgId, true, sisterTeam.id);
    const offer = await t.gql(
      OFFER,
      { input: { shiftId: shifts.E8!.id, autoApproveOwnStaff: true } },
      ward.manager,
    );
    const claimed = await t.gql(CLAIM, { id: offer.data!.publishOpenShift.id }, nurse.token);
    expect(claimed.data!.claimOpenShift).toMatchObject({ status: 'APPROVED', bankAgreementId: null });
    const [row] = await t.dataSource.query(`SELECT basis::text AS basis FROM assignment WHERE id = $1`, [
      claimed.data!.claimOpenShift.assignmentId,
    ]);
    expect(row.basis).toBe('BANK');
    const [change] = await t.dataSource.query(
      `SELECT operation, reason FROM rota_change WHERE rota_id = $1 ORDER BY version DESC LIMIT 1`,
      [rotaId],
    );
    expect(change.operation).toBe('decideOpenShiftClaim');
    expect(change.reason).toMatch(/Open shift claimed by/);
  });

  it('a bank shift taken off the rota releases its place: the claim is cancelled and the offer open again', async () => {
    const nurse = await person(
      ward.orgId,
      true,
      (await insertTeam(t.dataSource, ward.orgId, { name: 'Ward 14' })).id,
    );
    const offer = await t.gql(
      OFFER,
      { input: { shiftId: shifts.L10!.id, autoApproveOwnStaff: true } },
      ward.manager,
    );
    const id = offer.data!.publishOpenShift.id;
    const claimed = await t.gql(CLAIM, { id }, nurse.token);
    expect(claimed.data!.claimOpenShift.status).toBe('APPROVED');
    const read = `query($id: ID!) { openShift(id: $id) { status placesLeft filledAt claims { id status } } }`;
    expect((await t.gql(read, { id }, ward.manager)).data!.openShift).toMatchObject({
      status: 'FILLED',
      placesLeft: 0,
    });
    const removed = await t.gql(
      `mutation($id: ID!) { unassignStaff(input: { assignmentId: $id, reason: "She is needed on Ward 14", override: { ruleCodes: [COVER_MIN_HEADCOUNT], reason: "Covered later" } }) { __typename ... on RuleViolations { message } } }`,
      { id: claimed.data!.claimOpenShift.assignmentId },
      ward.manager,
    );
    expect(removed.data!.unassignStaff.__typename).toBe('RotaEdit');
    expect((await t.gql(read, { id }, ward.manager)).data!.openShift).toMatchObject({
      status: 'OPEN',
      placesLeft: 1,
      filledAt: null,
      claims: [{ id: claimed.data!.claimOpenShift.id, status: 'CANCELLED' }],
    });
    // The place is there to claim again.
    const again = await person(ward.orgId, true, ward.teamId);
    expect((await t.gql(CLAIM, { id }, again.token)).data!.claimOpenShift).toMatchObject({
      status: 'APPROVED',
      place: 1,
    });
  });

  it('ending the agreement cancels claims waiting under it; new claims are refused', async () => {
    const carer = await person(council.id);
    const offer = await t.gql(OFFER, { input: { shiftId: shifts.E9!.id, places: 1 } }, ward.manager);
    const id = offer.data!.publishOpenShift.id;
    const claimed = await t.gql(CLAIM, { id }, carer.token);
    expect(claimed.data!.claimOpenShift.status).toBe('PENDING');
    const ended = await t.gql(
      END_AGREEMENT,
      { input: { bankAgreementId: agreementId, reason: 'Winter pressures over' } },
      councilHr,
    );
    expect(ended.data!.endBankAgreement).toMatchObject({ status: 'ENDED', endDate: today });
    const [claim] = await t.dataSource.query(
      `SELECT status::text AS status FROM open_shift_claim WHERE id = $1`,
      [claimed.data!.claimOpenShift.id],
    );
    expect(claim.status).toBe('CANCELLED');
    const another = await person(council.id);
    expect(errorCode(await t.gql(CLAIM, { id }, another.token))).toBe('FORBIDDEN');
  });

  it('a swap: proposed, accepted, approved — both people’s rules checked, the rota and both calendars change', async () => {
    const a = await person(ward.orgId, true, ward.teamId);
    const b = await person(ward.orgId, true, ward.teamId);
    const rota = await createRota(t, ward, day(14), day(16));
    const e14 = await addShift(t, ward, rota.id, 'E', day(14));
    const l15 = await addShift(t, ward, rota.id, 'L', day(15));
    const e16 = await addShift(t, ward, rota.id, 'E', day(16));
    const aE = assignedOf(await t.gql(ASSIGN, { shift: e14.id, staff: a.staff.id }, ward.manager));
    const bL = assignedOf(await t.gql(ASSIGN, { shift: l15.id, staff: b.staff.id }, ward.manager));
    const aE16 = assignedOf(await t.gql(ASSIGN, { shift: e16.id, staff: a.staff.id }, ward.manager));
    expect([aE, bL, aE16].map((x) => x.__typename)).toEqual(['Assignment', 'Assignment', 'Assignment']);
    await publish(t, ward.manager, rota.id);

    // Handing her early of day 16 to B, on a late the evening before, would leave B 8½ hours' rest: refused by
    // B's rules at the proposal, nothing kept.
    const bad = await t.gql(SWAP, { input: { assignmentId: aE16.id, colleagueId: b.staff.id } }, a.token);
    expect(bad.data!.proposeShiftSwap).toMatchObject({ __typename: 'RuleViolations' });
    expect(bad.data!.proposeShiftSwap.violations).toContainEqual({
      ruleCode: 'DAILY_REST',
      staffId: b.staff.id,
    });
    // Swapping her early of day 14 for B's late of day 15 would do the same to her (late, then early on day 16).
    const worse = await t.gql(
      SWAP,
      { input: { assignmentId: aE.id, colleagueId: b.staff.id, colleagueAssignmentId: bL.id } },
      a.token,
    );
    expect(worse.data!.proposeShiftSwap.violations).toContainEqual({
      ruleCode: 'DAILY_REST',
      staffId: a.staff.id,
    });
    const [{ n: none }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM shift_swap WHERE rota_id = $1`,
      [rota.id],
    );
    expect(none).toBe(0);

    // A hands her early on day 14 to B (B works nothing that day): proposed, accepted, approved.
    const proposed = await t.gql(
      SWAP,
      { input: { assignmentId: aE.id, colleagueId: b.staff.id, message: 'Dentist' } },
      a.token,
    );
    expect(proposed.data!.proposeShiftSwap).toMatchObject({ __typename: 'ShiftSwap', status: 'PROPOSED' });
    const swapId = proposed.data!.proposeShiftSwap.id;
    expect(kinds(await t.gql(NOTIFICATIONS, {}, b.token)).map((n) => n.kind)).toContain('SWAP_REQUESTED');
    // Only the colleague answers; only the manager decides, and only once accepted.
    expect(errorCode(await t.gql(RESPOND, { input: { swapId, decision: 'APPROVE' } }, a.token))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await t.gql(DECIDE_SWAP, { input: { swapId, decision: 'APPROVE' } }, ward.manager)),
    ).toBe('CONFLICT');
    const accepted = await t.gql(RESPOND, { input: { swapId, decision: 'APPROVE' } }, b.token);
    expect(accepted.data!.respondToShiftSwap).toMatchObject({ status: 'ACCEPTED' });
    const decided = await t.gql(DECIDE_SWAP, { input: { swapId, decision: 'APPROVE' } }, ward.manager);
    expect(decided.data!.decideShiftSwap).toMatchObject({ __typename: 'ShiftSwap', status: 'APPROVED' });
    const live: Array<{ staff_id: string }> = await t.dataSource.query(
      `SELECT staff_id FROM assignment WHERE shift_id = $1 AND cancelled_at IS NULL`,
      [e14.id],
    );
    expect(live.map((r) => r.staff_id)).toEqual([b.staff.id]);
    const [change] = await t.dataSource.query(
      `SELECT operation, reason FROM rota_change WHERE rota_id = $1 ORDER BY version DESC LIMIT 1`,
      [rota.id],
    );
    expect(change).toEqual({
      operation: 'decideShiftSwap',
      reason: expect.stringMatching(/Shift swap agreed by/),
    });
    for (const who of [a, b]) {
      // Told once, by the swap's own message (the rota change it wrote does not tell them again).
      const told = kinds(await t.gql(NOTIFICATIONS, {}, who.token)).map((n) => n.kind);
      expect(told).toContain('SWAP_DECIDED');
      expect(told).not.toContain('ROTA_CHANGED');
      const url = new URL((await t.gql(ISSUE_FEED, {}, who.token)).data!.issueCalendarFeed.url);
      const feed = await request(t.http).get(`${url.pathname}${url.search}`);
      const lines = feed.text.split('\r\n');
      const summaries = lines.filter((l) => l.startsWith('SUMMARY:'));
      if (who === a) expect(summaries).toContainEqual(expect.stringMatching(/^SUMMARY:Cancelled: E/));
      else expect(summaries).toContainEqual(expect.stringMatching(/^SUMMARY:E \(E\)/));
    }
    // Someone outside the swap does not see it.
    const outsider = await person(ward.orgId);
    const seen = await t.gql(`query { shiftSwaps { totalCount } }`, {}, outsider.token);
    expect(seen.data!.shiftSwaps.totalCount).toBe(0);
  });
});

/** A manager's world for an existing organisation and team (shift types E, L, N like rotaWorld). */
async function rotaWorldOf(t: TestApp, orgId: string, teamId: string): Promise<RotaWorld> {
  const manager = await t.token({ roles: [Role.MANAGER], organisationIds: [orgId], teamIds: [teamId] });
  const types: Record<string, string> = {};
  for (const [code, startTime, durationMinutes, unpaidBreakMinutes] of [
    ['E', '07:00', 480, 30],
    ['L', '14:30', 480, 30],
  ] as const) {
    const res = await t.gql(
      `mutation($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }`,
      { input: { teamId, code, name: code, startTime, durationMinutes, unpaidBreakMinutes } },
      manager,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    types[code] = res.data!.createShiftType.id;
  }
  return { orgId, teamId, manager, types };
}
