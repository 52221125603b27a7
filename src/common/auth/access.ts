import { type Actor, isAdmin, Role } from './actor.js';
import { ForbiddenError } from '../errors/domain-error.js';

/**
 * Scope rules in one place, as pure functions of the caller and the ids involved. Roles say what kind of
 * thing someone may do (checked by @Allow); scopes say where.
 */
export const Access = {
  /** HR of that organisation (or ADMIN): organisation settings, staff records, joint roles. */
  administersOrganisation(actor: Actor, organisationId: string): boolean {
    return isAdmin(actor) || (actor.roles.has(Role.HR) && actor.organisationIds.includes(organisationId));
  },

  /** Manager of that team, HR of its organisation, or ADMIN: the team's settings. */
  managesTeam(actor: Actor, team: { id: string; organisationId: string }): boolean {
    return (
      isAdmin(actor) ||
      (actor.roles.has(Role.MANAGER) && actor.teamIds.includes(team.id)) ||
      Access.administersOrganisation(actor, team.organisationId)
    );
  },

  /** Organisations whose staff directory the caller may read (undefined: all of them). */
  directoryScope(actor: Actor): readonly string[] | undefined {
    if (isAdmin(actor)) return undefined;
    return actor.roles.has(Role.HR) || actor.roles.has(Role.MANAGER) ? actor.organisationIds : [];
  },

  /** HR or managers of the employer, the person themself, or ADMIN. */
  viewsStaff(actor: Actor, staff: { id: string; employerId: string }): boolean {
    if (actor.staffId === staff.id) return true;
    const scope = Access.directoryScope(actor);
    return scope === undefined || scope.includes(staff.employerId);
  },

  /** Builds and changes the team's rotas: its manager, or ADMIN. */
  managesRotas(actor: Actor, team: { id: string }): boolean {
    return isAdmin(actor) || (actor.roles.has(Role.MANAGER) && actor.teamIds.includes(team.id));
  },

  /** Sees everything about the team's rotas, drafts included: its manager, HR of its organisation, ADMIN. */
  overseesTeam(actor: Actor, team: { id: string; organisationId: string }): boolean {
    return Access.managesRotas(actor, team) || Access.administersOrganisation(actor, team.organisationId);
  },

  assert(allowed: boolean, what: string): void {
    if (!allowed) throw new ForbiddenError(`Not in your scope: ${what}`);
  },
};
