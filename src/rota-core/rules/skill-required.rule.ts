import { assessReadiness } from '../passport.js';
import { defineRule } from '../rule.js';
import { ms, shiftLabel, skill, who } from './format.js';

/**
 * SKILL_REQUIRED — the person holds, for each skill the team requires of everyone, a credential valid on the
 * shift's date and accepted by the team's organisation (the skills passport). Penalty: skills missing, per shift.
 */
export const skillRequired = defineRule({
  code: 'SKILL_REQUIRED',
  scope: 'STAFF',
  screening: true,
  judges: 'EDIT',
  personalDetails: true,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'holds every skill the team requires, valid and accepted on the day',
  unit: 'SKILLS',
  check(n, staff, schedule, _cfg, emit) {
    const required = n.facts.team.requiredSkillIds;
    if (required.length === 0) return;
    const memo = new Map<string, ReturnType<typeof assessReadiness>>();
    for (const s of schedule.shifts) {
      if (!s.inRota) continue;
      const date = s.fact.localDate;
      let r = memo.get(date);
      if (!r) memo.set(date, (r = assessReadiness(required, staff.credentials, n.acceptance, date)));
      if (r.ready) continue;
      emit({
        penalty: r.gaps.length,
        staffId: staff.id,
        shiftIds: [s.id],
        windowStart: ms(s.start),
        windowEnd: ms(s.end),
        measured: required.length - r.gaps.length,
        limit: required.length,
        message: () =>
          `${who(staff)} lacks ${r.gaps.map((g) => `${skill(n, g.skillId)} (${g.reason.toLowerCase().replace('_', ' ')})`).join(', ')} for ${shiftLabel(n, s)}`,
      });
    }
  },
});
