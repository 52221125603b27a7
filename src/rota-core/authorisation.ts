import type { AppointmentFact, IsoDate, PlacementFact, StaffFact, TeamFact } from './model.js';

export type Basis = 'EMPLOYMENT' | 'PLACEMENT' | 'JOINT_ROLE';

/**
 * On what basis may this person work at this team on this date (domain.md, "Assignment")? Their employer's
 * team; an approved placement covering the date and the team; or a joint-role appointment running on the date
 * whose partners include the team's organisation. Null: not authorised there.
 */
export function authorisationBasis(
  staff: Pick<StaffFact, 'id' | 'employerId'>,
  team: Pick<TeamFact, 'id' | 'organisationId'>,
  date: IsoDate,
  placements: readonly PlacementFact[] = [],
  appointments: readonly AppointmentFact[] = [],
): Basis | null {
  if (staff.employerId === team.organisationId) return 'EMPLOYMENT';
  for (const p of placements) {
    if (p.staffId === staff.id && p.hostTeamId === team.id && p.startDate <= date && date <= p.endDate)
      return 'PLACEMENT';
  }
  for (const a of appointments) {
    if (
      a.staffId === staff.id &&
      a.startDate <= date &&
      (a.endDate === null || date <= a.endDate) &&
      a.partners.some((p) => p.organisationId === team.organisationId)
    ) {
      return 'JOINT_ROLE';
    }
  }
  return null;
}
