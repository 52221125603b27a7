import { Role } from '../../src/common/auth/actor.js';
import { insertStaff } from '../fixtures/factories.js';
import { createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/** People are named people: whoever requested or decided something is a User with a name, not a login id. */
describe('people named on records', () => {
  let t: TestApp;
  let w: RotaWorld;

  const REQUEST = `mutation($input: RequestAbsenceInput!) {
    requestAbsence(input: $input) { id requestedBy { id name staffMember { id name } } } }`;
  const DECIDE = `mutation($id: ID!) {
    decideAbsence(input: { absenceId: $id, decision: APPROVE, reason: "Covered" }) {
      requestedBy { id name } decidedBy { id name staffMember { id } } } }`;
  const READ = `query($id: ID!) { staffMember(id: $id) { id } }`;
  const users = (subject: string) =>
    t.dataSource.query(`SELECT name, staff_id AS "staffId" FROM app_user WHERE subject = $1`, [subject]);

  beforeAll(async () => {
    t = await startTestApp();
    w = await rotaWorld(t, 'Users');
  });
  afterAll(() => t.close());

  it('names the staff member by their staff record and the manager by their sign-in', async () => {
    const nurse = await insertStaff(t.dataSource, w.orgId, {
      givenName: 'Amara',
      familyName: 'Obi',
      homeTeamId: w.teamId,
    });
    const own = await t.token({
      roles: [Role.STAFF],
      staffId: nurse.id,
      subject: 'users-nurse',
      name: 'A. Obi',
    });
    const asked = await t.gql(
      REQUEST,
      { input: { kind: 'ANNUAL_LEAVE', startDate: '2027-02-01', endDate: '2027-02-02' } },
      own,
    );
    expect(asked.errors).toBeUndefined();
    // A staff record names them (not the token's spelling), and is reachable from the user.
    expect(asked.data!.requestAbsence.requestedBy).toEqual({
      id: 'users-nurse',
      name: 'Amara Obi',
      staffMember: { id: nurse.id, name: 'Amara Obi' },
    });

    const manager = await t.token({
      roles: [Role.MANAGER],
      organisationIds: [w.orgId],
      teamIds: [w.teamId],
      subject: 'users-manager',
      name: 'Grace Okafor',
    });
    const decided = await t.gql(DECIDE, { id: asked.data!.requestAbsence.id }, manager);
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideAbsence).toEqual({
      requestedBy: { id: 'users-nurse', name: 'Amara Obi' },
      decidedBy: { id: 'users-manager', name: 'Grace Okafor', staffMember: null },
    });
    expect(await users('users-manager')).toEqual([{ name: 'Grace Okafor', staffId: null }]);
  });

  it('keeps one row per person, renamed when their token says something new, and only by writes', async () => {
    const token = (name?: string) =>
      t.token({
        roles: [Role.MANAGER],
        organisationIds: [w.orgId],
        teamIds: [w.teamId],
        subject: 'users-renamed',
        ...(name ? { name } : {}),
      });
    const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
    const staff = await t.token({ roles: [Role.STAFF], staffId: nurse.id, subject: `users-${nurse.id}` });
    const ask = async (day: string) =>
      (await t.gql(REQUEST, { input: { kind: 'ANNUAL_LEAVE', startDate: day, endDate: day } }, staff)).data!
        .requestAbsence.id as string;
    const rota = await createRota(t, w, '2027-03-01', '2027-03-07');
    const deciders = async () =>
      (
        await t.gql(
          `query($id: ID!) { rota(id: $id) { absences { startDate decidedBy { id name } } } }`,
          { id: rota.id },
          w.manager,
        )
      ).data!.rota.absences.map((a: { startDate: string; decidedBy: { name: string } }) => [
        a.startDate,
        a.decidedBy.name,
      ]);

    await t.gql(DECIDE, { id: await ask('2027-03-01') }, await token('Sam Jones'));
    expect(await deciders()).toEqual([['2027-03-01', 'Sam Jones']]);

    // Reading writes nothing: a caller who only reads is not recorded.
    const reader = await t.token({ roles: [Role.HR], organisationIds: [w.orgId], subject: 'users-reader' });
    expect((await t.gql(READ, { id: nurse.id }, reader)).errors).toBeUndefined();
    expect(await users('users-reader')).toEqual([]);

    // The same person, later, under a new name (marriage, a corrected spelling): every record names them anew.
    await t.gql(DECIDE, { id: await ask('2027-03-02') }, await token('Sam Jones-Patel'));
    expect(await deciders()).toEqual([
      ['2027-03-01', 'Sam Jones-Patel'],
      ['2027-03-02', 'Sam Jones-Patel'],
    ]);

    // A token without a name keeps the name already known.
    await t.gql(DECIDE, { id: await ask('2027-03-03') }, await token());
    expect((await deciders()).map(([, name]: string[]) => name)).toEqual([
      'Sam Jones-Patel',
      'Sam Jones-Patel',
      'Sam Jones-Patel',
    ]);
    expect(await users('users-renamed')).toEqual([{ name: 'Sam Jones-Patel', staffId: null }]);
    // The staff member's token carried no name: their staff record names them.
    expect(await users(`users-${nurse.id}`)).toEqual([{ name: null, staffId: nurse.id }]);
  });

  it('names someone nobody knows by their sign-in id', async () => {
    const anonymous = await t.token({
      roles: [Role.MANAGER],
      organisationIds: [w.orgId],
      teamIds: [w.teamId],
      subject: 'users-no-name',
    });
    const nurse = await insertStaff(t.dataSource, w.orgId, { homeTeamId: w.teamId });
    const staff = await t.token({ roles: [Role.STAFF], staffId: nurse.id });
    const asked = await t.gql(
      REQUEST,
      { input: { kind: 'ANNUAL_LEAVE', startDate: '2027-04-01', endDate: '2027-04-01' } },
      staff,
    );
    const decided = await t.gql(DECIDE, { id: asked.data!.requestAbsence.id }, anonymous);
    expect(decided.data!.decideAbsence.decidedBy).toEqual({
      id: 'users-no-name',
      name: 'users-no-name',
      staffMember: null,
    });
  });

  it('names the service itself in the audit trail', async () => {
    await t.dataSource.query(`UPDATE team SET name = name WHERE id = $1`, [w.teamId]); // no token: the service
    const admin = await t.adminToken();
    const res = await t.gql(
      `query($id: String!) { auditEvents(first: 1, filter: { entity: "team", entityId: $id }) {
         edges { node { actor { id name staffMember { id } } } } } }`,
      { id: w.teamId },
      admin,
    );
    expect(res.data!.auditEvents.edges[0].node.actor).toEqual({
      id: 'system',
      name: 'Tandem (the service itself)',
      staffMember: null,
    });
  });
});
