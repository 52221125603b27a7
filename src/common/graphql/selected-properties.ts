import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Fields of a type computed from other properties of its row (`name` from `givenName` and `familyName`,
 * `employer` from `employerId`): what each needs. A field neither listed here nor a column needs every column.
 */
export type DerivedFields = Readonly<Record<string, readonly string[]>>;

/**
 * The properties of the rows a field returns that the query asks for, below `path` (`['edges', 'node']` for a
 * connection, `['staff']` for a child object): each selected field by its own name, or what `derived` says it needs.
 * Fragments and inline fragments count. Hands the answer to a loader's `only` (which reads every column when
 * a name is not a column); undefined when there is no selection to go by.
 */
export function selectedProperties(
  info: GraphQLResolveInfo | undefined,
  derived: DerivedFields = NONE,
  path: readonly string[] = [],
): readonly string[] | undefined {
  if (!info) return undefined;
  // graphql-js hands every item of a list the same fieldNodes: decide once per list (and path).
  const key = path.join('.');
  let byNodes = memo.get(derived);
  if (!byNodes) memo.set(derived, (byNodes = new WeakMap()));
  let byPath = byNodes.get(info.fieldNodes);
  if (!byPath) byNodes.set(info.fieldNodes, (byPath = new Map()));
  if (byPath.has(key)) return byPath.get(key);
  const found = compute(info, derived, path);
  byPath.set(key, found);
  return found;
}

const NONE: DerivedFields = {};
const memo = new WeakMap<
  DerivedFields,
  WeakMap<readonly FieldNode[], Map<string, readonly string[] | undefined>>
>();

function compute(
  info: GraphQLResolveInfo,
  derived: DerivedFields,
  path: readonly string[],
): readonly string[] | undefined {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) {
    sets = fieldsIn(info, sets)
      .filter((f) => f.name.value === step)
      .flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  if (sets.length === 0) return undefined;
  const out = new Set<string>();
  for (const field of fieldsIn(info, sets)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    for (const p of derived[name] ?? [name]) out.add(p);
  }
  return [...out];
}

/** The fields directly in these selection sets, through fragments. */
function fieldsIn(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = info.fragments[s.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  sets.forEach(walk);
  return out;
}
