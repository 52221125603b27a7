import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';

/**
 * The API conventions (README, "API conventions") checked over the whole schema, so a new mutation or field
 * that breaks one fails here rather than in a client.
 */
const schema = buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
const objectFields = types
  .filter(isObjectType)
  .filter((t) => !['Query', 'Mutation'].includes(t.name))
  .flatMap((t) => Object.values(t.getFields()).map((f) => ({ path: `${t.name}.${f.name}`, field: f })));
const named = (t: Parameters<typeof getNamedType>[0]): GraphQLNamedType => getNamedType(t)!;

describe('API conventions', () => {
  it('every mutation takes one argument, input (optional only when every field of it is)', () => {
    const wrong: string[] = [];
    for (const m of Object.values(schema.getMutationType()!.getFields())) {
      const [arg, ...more] = m.args;
      if (!arg || more.length > 0 || arg.name !== 'input') {
        wrong.push(`${m.name}(${m.args.map((a) => a.name).join(', ')})`);
        continue;
      }
      const input = named(arg.type);
      if (!isInputObjectType(input)) wrong.push(`${m.name}: input is ${input.name}`);
      else if (
        !isNonNullType(arg.type) &&
        Object.values(input.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue === undefined)
      ) {
        wrong.push(`${m.name}: input is optional but ${input.name} has required fields`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a record names people as Users, never as login ids', () => {
    const person = /(By|^actor)$/;
    const wrong = objectFields
      .filter(({ field }) => person.test(field.name) && !['cannotBeFollowedBy'].includes(field.name))
      .filter(({ field }) => named(field.type).name !== 'User')
      .map(({ path, field }) => `${path}: ${String(field.type)}`);
    expect(wrong).toEqual([]);
    // And the mechanism is in use (the check above would pass on a schema with no such field).
    expect(objectFields.filter(({ field }) => named(field.type).name === 'User').length).toBeGreaterThan(10);
  });

  it('closed sets are enums, not strings', () => {
    // The API operation that wrote an audited row (`Mutation.publishRota`): grows with the API, kept a string.
    const OPEN = new Set(['AuditEvent.operation', 'AuditEventFilter.operation']);
    const closed =
      /^(ruleCode|ruleCodes|status|scope|action|operation|unit|kind|side|decision|acceptance|role|roles|sector|staffGroup)$/;
    const wrong = [
      ...objectFields,
      ...types
        .filter(isInputObjectType)
        .flatMap((t) => Object.values(t.getFields()).map((f) => ({ path: `${t.name}.${f.name}`, field: f }))),
    ]
      .filter(({ path }) => !OPEN.has(path))
      .filter(({ field }) => closed.test(field.name) && ['String', 'ID'].includes(named(field.type).name))
      .map(({ path, field }) => `${path}: ${String(field.type)}`);
    expect(wrong).toEqual([]);
  });

  it('shares and rates are percents: no fraction-named fields', () => {
    const wrong = objectFields
      .filter(({ field }) => /(Rate|Fraction|Ratio)$/.test(field.name))
      .map(({ path }) => path);
    expect(wrong).toEqual([]);
  });
});
