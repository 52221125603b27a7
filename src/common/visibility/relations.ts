import { type Actor, isAdmin, Role } from '../auth/actor.js';

/**
 * Whose data an object is, in the terms visibility decisions need. A policy computes it from the object (and,
 * when the facts live elsewhere, from the request's loaders); absent parts simply relate to nobody.
 */
export interface Subject {
  /** The person the data is about. */
  staffId?: string | null;
  /** Their employer. */
  employerId?: string | null;
  /** Their home team (its managers are their line managers). */
  homeTeamId?: string | null;
  /** Organisations the object belongs to: a joint role's partners, a placement's home and host. */
  organisationIds?: readonly string[];
  /** Teams the object belongs to (a rota's team, a placement's host team). */
  teamIds?: readonly string[];
  /** Other people the object is theirs too (a joint role's appointees). */
  staffIds?: readonly string[];
}

/**
 * How a caller stands to a subject. Every visibility decision is a question of whether the caller has one of
 * the relations an audience names; each relation is one plain fact about the token and the subject.
 */
export enum Relation {
  /** The caller is ADMIN. */
  ADMIN = 'ADMIN',
  /** The data is about the caller (their staff record). */
  SELF = 'SELF',
  /** HR of the person's employer. */
  EMPLOYER_HR = 'EMPLOYER_HR',
  /** A manager in the person's employer. */
  EMPLOYER_MANAGER = 'EMPLOYER_MANAGER',
  /** The manager of the person's home team. */
  LINE_MANAGER = 'LINE_MANAGER',
  /** HR of an organisation the object belongs to. */
  ORGANISATION_HR = 'ORGANISATION_HR',
  /** A manager in an organisation the object belongs to. */
  ORGANISATION_MANAGER = 'ORGANISATION_MANAGER',
  /** The manager of a team the object belongs to. */
  TEAM_MANAGER = 'TEAM_MANAGER',
  /** One of the other people the object belongs to. */
  ATTACHED = 'ATTACHED',
}

const has = (list: readonly string[] | undefined, id: string | null | undefined): boolean =>
  !!id && !!list && list.includes(id);
const meets = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  !!a && !!b && a.some((id) => b.includes(id));

/** Every relation the caller has to the subject (a pure function of the token's claims and the subject). */
export function relationsOf(actor: Actor | undefined, subject: Subject): ReadonlySet<Relation> {
  const out = new Set<Relation>();
  if (!actor) return out;
  if (isAdmin(actor)) out.add(Relation.ADMIN);
  if (actor.staffId && actor.staffId === subject.staffId) out.add(Relation.SELF);
  const hr = actor.roles.has(Role.HR);
  const manager = actor.roles.has(Role.MANAGER);
  if (hr && has(actor.organisationIds, subject.employerId)) out.add(Relation.EMPLOYER_HR);
  if (manager && has(actor.organisationIds, subject.employerId)) out.add(Relation.EMPLOYER_MANAGER);
  if (manager && has(actor.teamIds, subject.homeTeamId)) out.add(Relation.LINE_MANAGER);
  if (hr && meets(actor.organisationIds, subject.organisationIds)) out.add(Relation.ORGANISATION_HR);
  if (manager && meets(actor.organisationIds, subject.organisationIds))
    out.add(Relation.ORGANISATION_MANAGER);
  if (manager && meets(actor.teamIds, subject.teamIds)) out.add(Relation.TEAM_MANAGER);
  if (has(subject.staffIds, actor.staffId)) out.add(Relation.ATTACHED);
  return out;
}
