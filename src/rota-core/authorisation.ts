import type { AppointmentFact, BankShiftFact, IsoDate, PlacementFact, StaffFact, TeamFact } from './model.js';

export type Basis = 'EMPLOYMENT' | 'PLACEMENT' | 'JOINT_ROLE' | 'BANK';

/**
 * On what basis may this person work at this team on this date (domain.md, "Assignment")? Their employer's
 * team; an approved placement covering the date and the team; or a joint-role appointment running on the date
 * whose partners include the team's organisation; or, for that one shift, an approved bank claim (`shiftId`).
 * Null: not authorised there.
 */
export function authorisationBasis(
  staff: Pick<StaffFact, 'id' | 'employerId'>,
  team: Pick<TeamFact, 'id' | 'organisationId'>,
  date: IsoDate,
  placements: readonly PlacementFact[] = [],
  appointments: readonly AppointmentFact[] = [],
  bankShifts: readonly BankShiftFact[] = [],
  shiftId?: string,
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
  if (shiftId !== undefined && bankShifts.some((b) => b.staffId === staff.id && b.shiftId === shiftId))
    return 'BANK';
  return null;
}
