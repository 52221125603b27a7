import { holdsSkill } from '../normalise.js';
import { defineRule } from '../rule.js';
import { ms, shiftLabel, skill } from './format.js';

/**
 * Maximum bipartite matching (augmenting paths): `slots[k]` lists the people who could fill slot k.
 * Returns which person fills each slot (-1: unfilled). Sizes are tiny (a shift's slots and people).
 */
export function matchSlots(slots: readonly number[][]): number[] {
  const slotOf = new Map<number, number>();
  const filled = new Array<number>(slots.length).fill(-1);
  const tryAssign = (k: number, seen: Set<number>): boolean => {
    for (const p of slots[k]!) {
      if (seen.has(p)) continue;
      seen.add(p);
      const other = slotOf.get(p);
      if (other === undefined || tryAssign(other, seen)) {
        slotOf.set(p, k);
        filled[k] = p;
        return true;
      }
    }
    return false;
  };
  for (let k = 0; k < slots.length; k++) tryAssign(k, new Set());
  return filled;
}

/**
 * COVER_SKILL_MIX — every skill-mix slot ("2 × registered nurse, 1 × medication administration") is filled by a
 * distinct person holding that skill (valid on the shift's date, accepted by the team's organisation): a maximum
 * bipartite matching, so one nurse cannot fill two slots. Penalty: slots left unfilled.
 */
export const coverSkillMix = defineRule({
  code: 'COVER_SKILL_MIX',
  scope: 'SHIFT',
  monotoneUnderAdding: true,
  /** Which of the slots' skills the person holds on the shift's day. */
  extraKey: (n, shift, person) => {
    let key = '';
    for (const slot of shift.fact.skillSlots ?? [])
      key += holdsSkill(n.staff[person]!, slot.skillId, shift.day) ? '1' : '0';
    return key;
  },
  judges: 'PUBLICATION',
  personalDetails: false,
  defaultSeverity: 'HARD',
  requiredParams: [],
  summary: 'every skill-mix slot filled by a distinct person holding that skill',
  unit: 'PEOPLE',
  check(n, shift, assigned, _cfg, emit, extra) {
    const slots = shift.fact.skillSlots;
    if (!shift.inRota || !slots || slots.length === 0) return;
    const holds = (person: number, skillId: string) => holdsSkill(n.staff[person]!, skillId, shift.day);
    const expanded: number[][] = [];
    const skillOfSlot: string[] = [];
    const people = extra === undefined ? assigned : [...assigned, extra];
    for (const slot of slots) {
      const able = people.filter((p) => holds(p, slot.skillId));
      for (let k = 0; k < slot.count; k++) {
        expanded.push(able);
        skillOfSlot.push(slot.skillId);
      }
    }
    const filled = matchSlots(expanded);
    const unfilled = filled.filter((p) => p === -1).length;
    if (unfilled === 0) return;
    const missing = new Map<string, number>();
    filled.forEach(
      (p, k) => p === -1 && missing.set(skillOfSlot[k]!, (missing.get(skillOfSlot[k]!) ?? 0) + 1),
    );
    const list = [...missing].map(([id, count]) => `${count} × ${skill(n, id)}`).join(', ');
    emit({
      penalty: unfilled,
      staffId: null,
      shiftIds: [shift.id],
      windowStart: ms(shift.start),
      windowEnd: ms(shift.end),
      measured: expanded.length - unfilled,
      limit: expanded.length,
      message: () =>
        `${shiftLabel(n, shift)} fills ${expanded.length - unfilled} of ${expanded.length} skill-mix slots with distinct people: still needs ${list}`,
    });
  },
});
