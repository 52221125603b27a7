import { randomBytes } from 'node:crypto';
import { adminQuery, testDatabase } from '../setup/test-database.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

const CREATE_ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;

/** What the service's own connection must never be able to do: touch the audit trail, or change the schema. */
const REFUSED = [
  'ALTER TABLE audit_event DISABLE TRIGGER ALL',
  'ALTER TABLE organisation DISABLE TRIGGER tr_audit',
  `UPDATE audit_event SET actor = 'someone else'`,
  'DELETE FROM audit_event',
  'TRUNCATE audit_event',
  `INSERT INTO audit_event (actor, action, entity, entity_id) VALUES ('forged', 'INSERT', 'organisation', 'x')`,
  'DROP TRIGGER tr_audit ON organisation',
  'DROP TRIGGER tr_audit_event_append_only ON audit_event',
  'DROP TABLE audit_event',
  'ALTER TABLE organisation ADD COLUMN sneaky text',
  'ALTER FUNCTION audit_row() SECURITY INVOKER',
  'CREATE TABLE sneaky (id int)',
  'SET session_replication_role = replica',
  'DELETE FROM migrations',
];

/** The audit trail's state, as the owner sees it: its rows and whether every audit trigger is enabled. */
async function auditState(t: TestApp) {
  const [{ n }] = await t.ownerQuery(`SELECT count(*)::int AS n FROM audit_event`);
  const triggers = await t.ownerQuery(
    `SELECT DISTINCT tgenabled FROM pg_trigger WHERE tgname IN ('tr_audit', 'tr_audit_event_append_only', 'tr_audit_event_no_truncate')`,
  );
  return { rows: n as number, enabled: triggers.map((r) => r.tgenabled as string) };
}

describe('the service’s database role (both databases)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs as tandem_app, which reads and writes domain tables and can read the audit trail', async () => {
    const [{ current_user: user }] = await t.dataSource.query('SELECT current_user');
    expect(user).toBe('tandem_app');
    const res = await t.gql(
      CREATE_ORGANISATION,
      { input: { name: 'Role Test Trust', kind: 'NHS_TRUST' } },
      await t.adminToken(),
    );
    const id = res.data!.createOrganisation.id;
    // The audit trigger still records the write (its function runs as the owner).
    const events = await t.dataSource.query(
      `SELECT action, entity FROM audit_event WHERE entity = 'organisation' AND entity_id = $1`,
      [id],
    );
    expect(events).toEqual([{ action: 'INSERT', entity: 'organisation' }]);
  });

  it.each(REFUSED)('refuses %s through the service’s own connection (42501)', async (sql) => {
    const before = await auditState(t);
    await expect(t.dataSource.query(sql)).rejects.toMatchObject({ code: '42501' });
    expect(await auditState(t)).toEqual(before);
    expect(before.enabled).toEqual(['O']);
  });

  it('leaves the owner (migrations) able to change the schema', async () => {
    await t.ownerQuery('ALTER TABLE organisation ADD COLUMN owner_check text');
    await t.ownerQuery('ALTER TABLE organisation DROP COLUMN owner_check');
  });
});

describe('PostgreSQL: the service on a login role of its own, migrations by the owner', () => {
  const login = `tandem_t_login_${randomBytes(4).toString('hex')}`;
  let t: TestApp | undefined;
  let adminUrl: string | undefined;

  beforeAll(async () => {
    const state = await testDatabase();
    if (state.kind !== 'postgres') return;
    adminUrl = state.adminUrl!;
    // Roles are cluster-wide: a login role made for this file only, dropped after it.
    await adminQuery(adminUrl, `CREATE ROLE ${login} LOGIN IN ROLE tandem_app`);
    t = await startTestApp({}, { loginRole: login, appRole: '' });
  });
  afterAll(async () => {
    await t?.close();
    if (adminUrl) await adminQuery(adminUrl, `DROP ROLE IF EXISTS ${login}`);
  });

  it('works, and cannot get round the restrictions by switching role', async () => {
    if (!t) return; // embedded: one built-in user, nothing to log in as
    const [{ current_user: user }] = await t.dataSource.query('SELECT current_user');
    expect(user).toBe(login);
    const res = await t.gql(
      CREATE_ORGANISATION,
      { input: { name: 'Login Role Trust', kind: 'NHS_TRUST' } },
      await t.adminToken(),
    );
    expect(res.errors).toBeUndefined();
    for (const sql of ['SET ROLE postgres', 'SET SESSION AUTHORIZATION postgres', ...REFUSED]) {
      await expect(t.dataSource.query(sql)).rejects.toMatchObject({ code: '42501' });
    }
  });
});
