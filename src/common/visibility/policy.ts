import type { Actor } from '../auth/actor.js';
import type { Loaders } from '../graphql/loaders.js';
import { type Audience, type AudienceName, Audiences } from './audiences.js';
import type { Subject } from './relations.js';

/** What a policy may use to find an object's subject or mask a field: the request's loaders and caller. */
export interface PolicyContext {
  loaders: Loaders;
  actor: Actor | undefined;
}

/** Answers "is the caller in this audience for this object?" (memoised per object). */
export type AudienceTest = (audience: AudienceName) => boolean;

/**
 * One GraphQL object type's visibility, decided in one place for every path that reaches the type: which objects
 * a caller sees at all (`rows`) and, of those, which fields (`fields`, every field of the type under exactly one
 * audience). Hidden fields read `null` (`[]` for lists), or what `masks` gives instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one registry holds policies of many object types
export interface TypePolicy<T = any> {
  /** The GraphQL type's name. */
  type: string;
  /** Whose data the object is. `null`: nobody's — every field is for anyone who reached it. */
  subject?: (obj: T, ctx: PolicyContext) => Subject | null | Promise<Subject | null>;
  /** Who sees the object at all (default: anyone who reached it). Others get `null`, or it leaves a list. */
  rows?: AudienceName | ((obj: T, can: AudienceTest) => boolean);
  /** Who `rows` lets see the object, in words (required when `rows` is a function; the README shows it). */
  rowsNote?: string;
  /** Every field of the type, grouped by the audience that may read it. */
  fields: Partial<Record<AudienceName, readonly string[]>>;
  /** What callers outside a field's audience read instead of null. */
  masks?: Record<string, (obj: T, ctx: PolicyContext) => unknown>;
  /** Why this type needs no rules beyond PUBLIC, or any note worth keeping beside the table in the README. */
  note?: string;
}

/** A policy with its field audiences indexed (built once, at start). */
export interface CompiledPolicy {
  policy: TypePolicy;
  audienceOf: Map<string, Audience>;
  /** Fields some callers may not read. */
  restricted: Array<{ field: string; audience: Audience }>;
  /** Fields that are lists (hidden as `[]` rather than null). */
  listFields: ReadonlySet<string>;
  /** Nothing to decide: every field public and every object shown. */
  trivial: boolean;
}

export function definePolicy<T>(policy: TypePolicy<T>): TypePolicy<T> {
  return policy;
}

/** Connections, edges and page info carry no data of their own: their nodes' policies apply. */
export const isStructuralType = (name: string): boolean =>
  name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('Edge');

export function compilePolicy(
  policy: TypePolicy,
  listFields: ReadonlySet<string> = new Set(),
): CompiledPolicy {
  const audienceOf = new Map<string, Audience>();
  for (const [name, fields] of Object.entries(policy.fields) as Array<[AudienceName, string[]]>) {
    for (const field of fields) {
      if (audienceOf.has(field)) {
        throw new Error(`Visibility policy of ${policy.type}: field ${field} is listed twice`);
      }
      audienceOf.set(field, Audiences[name]);
    }
  }
  const restricted = [...audienceOf]
    .filter(([, a]) => a.relations.length > 0)
    .map(([field, audience]) => ({ field, audience }));
  const rowsPublic = policy.rows === undefined || policy.rows === 'PUBLIC';
  return { policy, audienceOf, restricted, listFields, trivial: restricted.length === 0 && rowsPublic };
}
