import { defineRule } from '../rule.js';
import { ms, who } from './format.js';

/**
 * JOINT_ROLE_TIME_SPLIT (soft) — for someone holding a joint role, hours rostered at each partner organisation
 * over the rota stay within `tolerancePoints` percentage points of the agreed time share (domain.md, "Joint
 * roles"). Measured: the largest deviation from a partner's agreed share, in points (the limit is the tolerance).
 * Penalty: percentage points outside the tolerance, summed over partners.
 */
export const jointRoleTimeSplit = defineRule({
  code: 'JOINT_ROLE_TIME_SPLIT',
  scope: 'STAFF',
  judges: 'PUBLICATION',
  personalDetails: false,
  defaultSeverity: 'SOFT',
  requiredParams: ['tolerancePoints'],
  summary: 'rostered hours per partner against the agreed time share',
  unit: 'PERCENTAGE_POINTS',
  check(n, staff, schedule, cfg, emit) {
    if (staff.appointments.length === 0) return;
    const tolerance = cfg.params.tolerancePoints!;
    for (const a of staff.appointments) {
      const partners = new Map(a.partners.map((p) => [p.organisationId, 0]));
      let total = 0;
      const ids: string[] = [];
      for (const s of schedule.shifts) {
        if (s.day < n.rotaStartDay || s.day > n.rotaEndDay) continue;
        const org = s.fact.organisationId ?? n.facts.team.organisationId;
        if (!partners.has(org)) continue;
        partners.set(org, partners.get(org)! + s.work);
        total += s.work;
        ids.push(s.id);
      }
      if (total === 0 || !ids.some((id) => n.shifts[n.shiftIndex.get(id)!]!.inRota)) continue;
      let points = 0;
      let widest = 0;
      const parts: string[] = [];
      for (const p of a.partners) {
        const share = (partners.get(p.organisationId)! / total) * 100;
        const deviation = Math.abs(share - p.timeSharePercent);
        widest = Math.max(widest, deviation);
        const off = deviation - tolerance;
        if (off > 0) points += off;
        parts.push(`${Math.round(share)}% vs ${p.timeSharePercent}%`);
      }
      if (points <= 0) continue;
      emit({
        penalty: Math.round(points * 10) / 10,
        staffId: staff.id,
        shiftIds: ids,
        windowStart: ms(n.rotaStart),
        windowEnd: ms(n.rotaEnd),
        measured: Math.round(widest * 10) / 10,
        limit: tolerance,
        message: () =>
          `${who(staff)}'s joint-role hours split ${parts.join(', ')} across the partners: more than ${tolerance} points from the agreement`,
      });
    }
  },
});
