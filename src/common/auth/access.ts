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

  /**
   * Of these organisations, the ones the caller answers for (HR of them, or ADMIN): whose acceptance a write
   * by this caller carries — a credential they record for their own staff, the shares of a joint role they
   * propose, an appointment of their own staff.
   */
  answersFor(actor: Actor, organisationIds: readonly string[]): string[] {
    return organisationIds.filter((id) => Access.administersOrganisation(actor, id));
  },

  /** HR of any partner of a joint role (or ADMIN): sees and proposes changes to it, appoints to it. */
  partnersInJointRole(actor: Actor, partnerIds: readonly string[]): boolean {
    return (
      isAdmin(actor) ||
      (actor.roles.has(Role.HR) && partnerIds.some((id) => actor.organisationIds.includes(id)))
    );
  },

  /**
   * Writes into another organisation's people need that organisation: only HR of a person's employer (or
   * ADMIN) accepts a credential attested for them or consents to their appointment to a joint role.
   */
  answersForEmployer(actor: Actor, staff: { employerId: string }): boolean {
    return Access.administersOrganisation(actor, staff.employerId);
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
