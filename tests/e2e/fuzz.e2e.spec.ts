import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isLeafType,
} from 'graphql';
import request from 'supertest';
import { Role } from '../../src/common/auth/actor.js';
import { ErrorCode } from '../../src/common/errors/domain-error.js';
import { insertStaff } from '../fixtures/factories.js';
import { addShift, createRota, rotaWorld, type RotaWorld } from '../fixtures/rota-setup.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * Bad input, generated: thousands of requests with wrong types, huge strings, unknown enum values, impossible
 * dates and zones, reversed periods, unknown ids, garbage and over-deep documents. Every answer must be a coded
 * error (never INTERNAL_SERVER_ERROR, never data), the service must stay up, and no row may change.
 */
const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const mutations = Object.values(schema.getMutationType()!.getFields());
const CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

const huge = (n: number) => fc.constant('x'.repeat(n));
/** Values of any JSON shape, some of them large. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  huge(200_000),
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '26-01-01',
    '9999-99-99',
    '07:70',
    'yesterday',
    'Mars/Olympus',
    '../../etc',
  ),
  fc.uuid(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }),
);

/** A value the GraphQL layer must refuse for this type (so the operation never runs). */
function typeInvalid(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  if (named instanceof GraphQLEnumType) return fc.constantFrom('NOT_A_VALUE', 'admin', 42, '');
  if (named instanceof GraphQLInputObjectType) return fc.constantFrom(42, 'object', true);
  if (named instanceof GraphQLScalarType) {
    switch (named.name) {
      case 'Int':
        return fc.constantFrom('seven', 1.5, 2 ** 40, true, {});
      case 'Float':
        return fc.constantFrom('seven', true, {}, []);
      case 'Boolean':
        return fc.constantFrom('yes', 1, {});
      case 'LocalDate':
        return fc.constantFrom('2026-02-30', '2026-1-1', '01/02/2026', 20260101, '');
      case 'LocalTime':
        return fc.constantFrom('25:00', '7am', '07:60', 700);
      case 'DateTime':
        return fc.constantFrom('2026-03-29T01:30:00', 'tomorrow', '2026-02-30T10:00:00Z', 0);
      default:
        return fc.constantFrom({}, [{}], true);
    }
  }
  return fc.constant({});
}

/** Plausible or not: anything goes for the other arguments. */
function anyFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) return anyFor(type.ofType);
  if (type instanceof GraphQLList) return fc.oneof(fc.array(anyFor(type.ofType), { maxLength: 3 }), anyValue);
  if (type instanceof GraphQLInputObjectType)
    return fc.oneof(
      fc.record(Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, anyFor(f.type)]))),
      anyValue,
    );
  if (type instanceof GraphQLEnumType)
    return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), anyValue);
  return anyValue;
}

const signature = (args: readonly GraphQLArgument[]) =>
  args.length ? `(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';

describe('fuzzing with malformed input', () => {
  let t: TestApp;
  let admin: string;
  let w: RotaWorld;

  const counts = async () => {
    const tables: Array<{ tablename: string }> = await t.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, number> = {};
    for (const { tablename } of tables)
      out[tablename] = Number(
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}"`))[0].n,
      );
    return out;
  };
  const expectCodedError = (body: any, label: string) => {
    const codes = (body?.errors ?? []).map((e: any) => e.extensions?.code);
    if (codes.length === 0 || !codes.every((c: string) => CODES.has(c)))
      throw new Error(`${label}: expected coded errors, got ${JSON.stringify(body).slice(0, 600)}`);
    const data = body?.data ? Object.values(body.data).filter((v) => v !== null) : [];
    if (data.length) throw new Error(`${label}: returned data ${JSON.stringify(body.data).slice(0, 300)}`);
  };
  const post = (body: unknown) =>
    request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${admin}`)
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    w = await rotaWorld(t, 'Fuzz');
    const rota = await createRota(t, w, '2030-05-06', '2030-05-12');
    await addShift(t, w, rota.id, 'E', '2030-05-06');
    await insertStaff(t.dataSource, w.orgId);
  });
  afterAll(() => t.close());

  it('refuses every mutation called with a value of the wrong type (1,500 calls)', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...mutations).chain((m) => {
          const required = m.args.filter((a) => a.type instanceof GraphQLNonNull);
          return fc
            .tuple(
              fc.constant(m),
              fc.record(Object.fromEntries(m.args.map((a) => [a.name, anyFor(a.type)]))),
              fc.constantFrom(...(required.length ? required : m.args)),
            )
            .chain(([m2, vars, target]) =>
              typeInvalid(target.type).map((bad) => ({ m: m2, vars: { ...vars, [target.name]: bad } })),
            );
        }),
        async ({ m, vars }) => {
          const selection = isLeafType(getNamedType(m.type)) ? '' : ' { __typename }';
          const args = m.args.map((a) => `${a.name}: $${a.name}`).join(', ');
          const res = await post({
            query: `mutation${signature(m.args)} { ${m.name}${args ? `(${args})` : ''}${selection} }`,
            variables: vars,
          });
          expectCodedError(res.body, m.name);
        },
      ),
      { numRuns: 1500, seed: 7 },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses well-typed but impossible input with a coded error and writes nothing (600 calls)', async () => {
    const before = await counts();
    const zone = fc.constantFrom('Mars/Olympus', 'Europe/Londn', '', ' ', 'UTC+25', 'x'.repeat(300));
    const badDate = fc.constantFrom('2026-02-29', '1800-01-01', '9999-12-31');
    const name = fc.oneof(fc.constantFrom('', '   ', '\u0000', '\u202e'), huge(10_000), huge(200_000));
    const calls = fc.oneof(
      fc.record({ zone, name }).map(({ zone: timeZone, name: teamName }) => ({
        query: `mutation($i: CreateTeamInput!) { createTeam(input: $i) { id } }`,
        variables: { i: { organisationId: w.orgId, name: teamName || 'Ward', kind: 'WARD', timeZone } },
      })),
      fc.record({ d: badDate, span: fc.integer({ min: -400, max: -1 }) }).map(({ d, span }) => ({
        query: `mutation($i: CreateRotaInput!) { createRota(input: $i) { id } }`,
        variables: {
          i: {
            teamId: w.teamId,
            startDate: d === '2026-02-29' ? '2030-06-03' : d,
            endDate: span < 0 ? '2030-06-01' : d,
          },
        },
      })),
      name.map((n) => ({
        query: `mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }`,
        variables: { i: { name: n, kind: 'NHS_TRUST' } },
      })),
      fc
        .record({
          hours: fc.oneof(
            fc.constantFrom(-1, -0.01, 169, 1e9),
            fc.double({ min: 168.01, max: 1e6, noNaN: true }),
          ),
        })
        .map(({ hours }) => ({
          query: `mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { id } }`,
          variables: {
            i: {
              employerId: w.orgId,
              givenName: 'A',
              familyName: 'B',
              staffGroup: 'NURSING',
              jobTitle: 'N',
              payFramework: 'AGENDA_FOR_CHANGE',
              payGrade: '5',
              contractedHoursPerWeek: hours,
            },
          },
        })),
      fc.uuid().map((id) => ({
        query: `mutation($id: ID!) { publishRota(input: { rotaId: $id }) { __typename } }`,
        variables: { id },
      })),
      fc
        .record({
          start: fc.constantFrom('2030-05-10', '2030-05-06'),
          minutes: fc.constantFrom(0, -5, 1441, 100_000),
        })
        .map(({ minutes }) => ({
          query: `mutation($i: CreateShiftTypeInput!) { createShiftType(input: $i) { id } }`,
          variables: {
            i: { teamId: w.teamId, code: 'Z', name: 'Z', startTime: '07:00', durationMinutes: minutes },
          },
        })),
    );
    await fc.assert(
      fc.asyncProperty(calls, async (call) => {
        const res = await post(call);
        expectCodedError(res.body, call.query.slice(0, 40));
      }),
      { numRuns: 600, seed: 11 },
    );
    expect(await counts()).toEqual(before);
  });

  it('answers garbage, over-deep and over-wide documents with coded errors (500 calls), and stays up', async () => {
    const deep = (n: number) => {
      let inner = 'id';
      for (let i = n - 1; i >= 0; i--)
        inner = i % 2 === 0 ? `teams { ${inner} }` : `organisation { ${inner} }`;
      return `{ organisations { edges { node { ${inner} } } } }`;
    };
    const documents = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.integer({ min: 13, max: 200 }).map(deep),
      fc
        .integer({ min: 31, max: 300 })
        .map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: skills { id }`).join(' ')} }`),
      fc.constantFrom(
        '{',
        '}}}',
        'query { __typename',
        'mutation { }',
        '{ me { subject } } { me { subject } }',
        'subscription { x }',
      ),
      fc.string({ maxLength: 30 }).map((f) => `{ ${f.replace(/[^a-z]/gi, '') || 'nope'} }`),
    );
    await fc.assert(
      fc.asyncProperty(documents, async (query) => {
        const res = await post({ query });
        expect(res.status).toBeLessThan(500);
        expectCodedError(res.body, query.slice(0, 40));
      }),
      { numRuns: 500, seed: 13 },
    );
    const junk = await request(t.http)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(junk.status).toBe(400);
    expect((await request(t.http).get('/health')).status).toBe(200);
    const staff = await t.token({ roles: [Role.STAFF] });
    expect((await t.gql(`{ me { subject } }`, {}, staff)).errors).toBeUndefined();
  });
});
