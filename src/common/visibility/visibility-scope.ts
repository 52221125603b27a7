import type { Actor } from '../auth/actor.js';
import type { Loaders } from '../graphql/loaders.js';
import { type AudienceName, Audiences, inAudience } from './audiences.js';
import type { CompiledPolicy, PolicyContext } from './policy.js';
import { type Relation, relationsOf } from './relations.js';

/** On a copy handed to a caller: the fields hidden from them (their resolvers must not run). */
export const HIDDEN_FIELDS = Symbol('tandem.hiddenFields');

type Shown = object | null;

/**
 * One request's visibility decisions: what the caller sees of each object reached (itself, a copy with hidden
 * fields masked, or nothing). Decided once per object and request, in bulk for lists.
 */
export class VisibilityScope {
  private readonly shown = new WeakMap<object, Shown | Promise<Shown>>();
  private readonly context: PolicyContext;

  constructor(loaders: Loaders, actor: () => Actor | undefined) {
    this.context = {
      loaders,
      get actor() {
        return actor();
      },
    };
  }

  /** What the caller sees of `obj` under `compiled` (the same answer every time in this request). */
  view<T extends object>(compiled: CompiledPolicy, obj: T): Shown | Promise<Shown> {
    if (compiled.trivial) return obj;
    const known = this.shown.get(obj);
    if (known !== undefined) return known;
    const decided = this.decide(compiled, obj);
    this.shown.set(obj, decided);
    if (decided instanceof Promise) void decided.then((v) => this.shown.set(obj, v)).catch(() => undefined);
    return decided;
  }

  /**
   * Like `view` for each element; elements the caller may not see leave the list. Synchronous when every element's
   * view is (a list resolves without a promise per element).
   */
  viewAll(compiled: CompiledPolicy, list: readonly object[]): object[] | Promise<object[]> {
    if (compiled.trivial) return list as object[];
    const shown: Array<Shown | undefined | Promise<Shown>> = new Array(list.length);
    let pending = false;
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      const v = o == null ? undefined : this.view(compiled, o);
      if (v instanceof Promise) pending = true;
      shown[i] = v;
    }
    const kept = (all: ReadonlyArray<Shown | undefined>) =>
      all.filter((o): o is object => o !== null && o !== undefined);
    return pending
      ? Promise.all(shown.map((v) => Promise.resolve(v))).then(kept)
      : kept(shown as Array<Shown | undefined>);
  }

  private decide(compiled: CompiledPolicy, obj: object): Shown | Promise<Shown> {
    const { policy } = compiled;
    const subject = policy.subject ? policy.subject(obj, this.context) : null;
    return subject instanceof Promise
      ? subject.then((s) => this.judge(compiled, obj, s ? relationsOf(this.context.actor, s) : null))
      : this.judge(compiled, obj, subject ? relationsOf(this.context.actor, subject) : null);
  }

  /** `relations` null: the object is nobody's, so all of it is for whoever reached it. */
  private judge(
    compiled: CompiledPolicy,
    obj: object,
    relations: ReadonlySet<Relation> | null,
  ): Shown | Promise<Shown> {
    const { policy } = compiled;
    const can = (name: AudienceName) => relations === null || inAudience(Audiences[name], relations);
    if (policy.rows !== undefined) {
      const visible = typeof policy.rows === 'string' ? can(policy.rows) : policy.rows(obj, can);
      if (!visible) return null;
    }
    if (relations === null) return obj;
    const hidden = compiled.restricted.filter((r) => !inAudience(r.audience, relations));
    if (hidden.length === 0) return obj;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(obj) as object) as object, obj) as Record<
      string | symbol,
      unknown
    >;
    copy[HIDDEN_FIELDS] = new Set(hidden.map((h) => h.field));
    const masks: Array<Promise<void>> = [];
    for (const { field } of hidden) {
      const mask = policy.masks?.[field];
      if (!mask) {
        copy[field] = compiled.listFields.has(field) ? [] : null;
        continue;
      }
      const value = mask(obj, this.context);
      if (value instanceof Promise) masks.push(value.then((v) => void (copy[field] = v)));
      else copy[field] = value;
    }
    return masks.length ? Promise.all(masks).then(() => copy) : copy;
  }
}
