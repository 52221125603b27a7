import { authorisationBasis } from '../authorisation.js';
import { defineRule } from '../rule.js';
import { ms, shiftLabel, who } from './format.js';

/**
 * NOT_AUTHORISED_AT_TEAM — the team belongs to the person's employer, or an approved placement or a running
 * joint-role appointment covers that date and team, or an approved bank claim covers that shift. Penalty: 1 per shift worked without authorisation.
 */
export const notAuthorisedAtTeam = defineRule({
  code: 'NOT_AUTHORISED_AT_TEAM',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary:
    'employer’s team, or an approved placement / joint-role appointment covering the date, or a bank claim for the shift',
  unit: 'OCCURRENCES',
  check(n, staff, schedule, _cfg, emit) {
    const team = n.facts.team;
    if (staff.fact.employerId === team.organisationId) return;
    for (const s of schedule.shifts) {
      if (!s.inRota) continue;
      if (
        authorisationBasis(
          staff.fact,
          team,
          s.fact.localDate,
          n.facts.placements,
          n.facts.appointments,
          n.facts.bankShifts,
          s.id,
        )
      )
        continue;
      emit({
        penalty: 1,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(s.start),
        windowEnd: ms(s.end),
        measured: 0,
        limit: 1,
        message: () =>
          `${who(staff)} is not employed by this team's organisation and no approved placement, joint role or bank claim covers ${shiftLabel(n, s)}`,
      });
    }
  },
});
