import { parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { plainRows, rowsWhereIn } from '../../src/common/database/plain-rows.js';
import { selectedProperties } from '../../src/common/graphql/selected-properties.js';
import { ChecksService } from '../../src/modules/checks/checks.service.js';
import { seedDemo } from '../../src/demo/demo.seeder.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The read path reads rows without TypeORM's hydration (plain-rows.ts) and only the columns a query needs: both
 * must give what TypeORM gives, for every entity the service has — a new column type that reads differently
 * fails here, not in an answer.
 */
describe('plain rows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const checks = t.app.get(ChecksService);
    await seedDemo(t.dataSource, new Date(), {
      recordViolations: (em, rota) => checks.recordViolations(em, rota),
    });
  });
  afterAll(() => t.close());

  it('reads every entity as TypeORM does, whole and by key', async () => {
    let compared = 0;
    // Rows in a stable order (some keys are composite), compared as JSON-like values.
    const sorted = (rows: object[]) =>
      rows.map((r) => ({ ...r })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    for (const metadata of t.dataSource.entityMetadatas) {
      const pk = metadata.primaryColumns[0]!.propertyName;
      const repo = t.dataSource.getRepository(metadata.target);
      const qb = () => repo.createQueryBuilder('e').orderBy(`e.${pk}`, 'ASC').limit(300);
      const typeorm = await qb().getMany();
      const plain = await plainRows(qb());
      expect({ entity: metadata.name, rows: sorted(plain) }).toEqual({
        entity: metadata.name,
        rows: sorted(typeorm),
      });
      const keys = [...new Set(typeorm.slice(0, 40).map((r) => (r as Record<string, unknown>)[pk]))];
      const byKey = await rowsWhereIn(t.dataSource, metadata.target, pk, keys, pk, undefined);
      const expected = await repo.createQueryBuilder('e').where(`e.${pk} = ANY(:keys)`, { keys }).getMany();
      expect({ entity: metadata.name, rows: sorted(byKey) }).toEqual({
        entity: metadata.name,
        rows: sorted(expected),
      });
      if (typeorm.length) compared++;
    }
    // The demo fills most tables: the comparison above was not vacuous.
    expect(compared).toBeGreaterThan(15);
  });

  it('reads only the columns asked for, and every column when a name is not one', async () => {
    const [one] = await t.dataSource.query(`SELECT id FROM credential LIMIT 1`);
    const only = await rowsWhereIn(
      t.dataSource,
      'CredentialEntity',
      'id',
      [one.id],
      undefined,
      new Set(['id', 'skillId', 'expiresOn']),
    );
    expect(Object.keys(only[0]!).sort()).toEqual(['expiresOn', 'id', 'skillId']);
    const all = await rowsWhereIn(
      t.dataSource,
      'CredentialEntity',
      'id',
      [one.id],
      undefined,
      new Set(['id', 'status']),
    );
    expect(Object.keys(all[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'staffId',
        'skillId',
        'obtainedOn',
        'acceptance',
        'revokedAt',
        'createdAt',
      ]),
    );
  });
});

describe('selectedProperties', () => {
  /** The info a resolver of the query's first field gets (what selectedProperties reads of it). */
  const infoOf = (query: string): GraphQLResolveInfo => {
    const doc = parse(query);
    const operation = doc.definitions.find(
      (d) => d.kind === 'OperationDefinition',
    ) as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      doc.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
    );
    return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as never;
  };

  it('names the columns below a path, through fragments, with derived fields expanded', () => {
    const info =
      infoOf(`{ staff { edges { node { id name ...More ... on StaffMember { employer { name } } } } } }
      fragment More on StaffMember { credentials { id } __typename }`);
    const derived = { name: ['givenName', 'familyName'], employer: ['employerId'], credentials: ['id'] };
    expect([...selectedProperties(info, derived, ['edges', 'node'])!].sort()).toEqual([
      'employerId',
      'familyName',
      'givenName',
      'id',
    ]);
    expect(selectedProperties(info, derived, ['edges', 'node', 'credentials'])).toEqual(['id']);
    // Not asked for at all: nothing to go by.
    expect(selectedProperties(info, derived, ['edges', 'node', 'placements'])).toBeUndefined();
  });
});
