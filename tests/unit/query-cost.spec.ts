import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildSchema, type GraphQLSchema, parse } from 'graphql';
import { createApp } from '../../src/app.factory.js';
import { listOf, queryCost, undeclaredListFields } from '../../src/common/graphql/query-cost.js';
import { loadConfig } from '../../src/config/config.js';

/** The queries the default limit is calibrated on (README, Hardening). */
const ROTA_SCREEN = `{ rota(id: "r") { id name status version startDate endDate
  shifts { id startsAt endsAt localDate minHeadcount targetHeadcount shiftType { code name }
    assignments { id basis staff { id name jobTitle } } } } }`;
const ROTA_NAMES = `{ rota(id: "r") { shifts { assignments { staff { name } } } } }`;
const PASSPORT_PAGE = `{ staff(first: 100) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id name jobTitle staffGroup
    credentials { id obtainedOn expiresOn status skill { code name kind } } } } } }`;
const attack = (aliases: number) =>
  `{ ${Array.from(
    { length: aliases },
    (_, i) =>
      `a${i}: rota(id: "r") { shifts { assignments { staff { name credentials { id expiresOn skill { code name } } } } } }`,
  ).join(' ')} }`;

describe('query cost', () => {
  let app: INestApplication;
  let schema: GraphQLSchema;
  const maxCost = loadConfig({ NODE_ENV: 'test' }).graphql.maxCost;
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    queryCost(schema, parse(query), variables);

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    app = await createApp({ ...config, logLevel: 'silent', database: { kind: 'none' } });
    schema = app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => app.close());

  it('knows how long every list of objects is: declared with listOf next to the field, or paged with first', () => {
    expect(undeclaredListFields(schema)).toEqual([]);
  });

  it('notices a list field added without a declared length', () => {
    const sdl = `type Query { teams: [Team!]! }
      type Team { id: ID! shifts: [Shift!]! codes: [String!]! }
      type Shift { id: ID! }`;
    expect(undeclaredListFields(buildSchema(sdl))).toEqual(['Query.teams', 'Team.shifts']);
  });

  it('keeps the heavy reads people make under the default limit', () => {
    // Figures quoted in README.md (Hardening) and the report: change both if the estimates change.
    expect(cost(ROTA_NAMES)).toBe(9_152);
    expect(cost(ROTA_SCREEN)).toBe(28_508);
    expect(cost(PASSPORT_PAGE)).toBe(21_101);
    for (const q of [ROTA_NAMES, ROTA_SCREEN, PASSPORT_PAGE]) expect(cost(q)).toBeLessThan(maxCost);
  });

  it('puts the aliased rota → credentials read far over it, even with one alias', () => {
    expect(cost(attack(1))).toBe(576_152);
    expect(cost(attack(1))).toBeGreaterThan(maxCost);
    expect(cost(attack(30))).toBe(30 * cost(attack(1)));
  });

  it('multiplies a connection by first (default 50, at most 500), given inline or as a variable', () => {
    const page = (args: string) => `query($n: Int) { staff${args} { edges { node { id name } } } }`;
    const perItem = 1 + 2 + 1; // edges, node, and node's two fields
    expect(cost(page('(first: 10)'))).toBe(1 + 10 * perItem);
    expect(cost(page('(first: $n)'), { n: 10 })).toBe(1 + 10 * perItem);
    expect(cost(page(''))).toBe(1 + 50 * perItem);
    expect(cost(page('(first: 100000)'))).toBe(1 + 500 * perItem);
  });

  it('multiplies a list computed from its arguments (eligibleStaff, myShifts)', () => {
    expect(cost(`{ eligibleStaff(shiftId: "s") { staffId } }`)).toBe(1 + 20 * 1);
    expect(cost(`{ eligibleStaff(shiftId: "s", first: 200) { staffId } }`)).toBe(1 + 200 * 1);
    expect(cost(`{ myShifts(from: "2026-01-01", to: "2026-01-31") { id } }`)).toBe(1 + 31 * 1);
  });

  it('counts fragments where they are spread, and skips what @skip leaves out', () => {
    const spread = `{ rota(id: "r") { ...R } } fragment R on Rota { shifts { id } }`;
    expect(cost(spread)).toBe(cost(`{ rota(id: "r") { shifts { id } } }`));
    expect(cost(`{ rota(id: "r") { id shifts @skip(if: true) { id } } }`)).toBe(2);
  });

  it('listOf multiplies what is selected under the field', () => {
    expect(listOf(7)({ args: {}, childComplexity: 3 })).toBe(22);
    expect(listOf(({ n }) => Number(n))({ args: { n: 4 }, childComplexity: 2 })).toBe(9);
  });
});
