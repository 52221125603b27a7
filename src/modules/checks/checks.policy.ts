import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import { CATALOGUE } from '../../rota-core/index.js';
import { staffById } from '../staff/staff.loaders.js';
import { personSubject } from '../staff/staff.policy.js';
import type { Violation } from './checks.types.js';

/** Rules whose details draw on the person's own record (see Rule.personalDetails in rota-core). */
const PERSONAL_DETAILS = new Set(CATALOGUE.filter((r) => r.personalDetails).map((r) => r.code));

/**
 * What someone outside a person's employer reads instead of a rule's own message: who and which rule (its code
 * is needed to act on or override it) — not the personal facts behind it (contracted hours, age, which
 * credentials are missing, an absence, an opt-out, work elsewhere).
 */
export async function publicViolationMessage(v: Violation, ctx: PolicyContext): Promise<string> {
  const staff = v.staffId ? await ctx.loaders.get(staffById).load(v.staffId) : null;
  const who = staff ? `${staff.givenName} ${staff.familyName}` : 'This person';
  return `${who}: ${v.ruleCode} is broken; the details are shown to their employer`;
}

export const CHECK_POLICIES = [
  definePolicy<Violation>({
    type: 'Violation',
    // Cover rules are about a shift, and some rules about a person use only the rota and the team's rules: then
    // the details are nobody's record and all of it is shown.
    subject: (v, ctx) =>
      v.staffId && PERSONAL_DETAILS.has(v.ruleCode) ? personSubject(v.staffId, ctx) : null,
    fields: {
      PUBLIC: [
        'ruleCode',
        'severity',
        'penalty',
        'staffId',
        'staff',
        'shiftIds',
        'windowStart',
        'windowEnd',
        'unit',
      ],
      PERSONAL: ['measured', 'limit', 'message'],
    },
    masks: { message: publicViolationMessage },
    note: 'For rules whose details draw on a person’s record (contract, age, passport, absences, limits, work elsewhere), others see which rule and which shifts, not the measured value, the limit or the explanation.',
  }),
  definePolicy({ type: 'RuleViolations', fields: { PUBLIC: ['violations', 'hardCount', 'message'] } }),
  definePolicy({
    type: 'RotaCheck',
    fields: { PUBLIC: ['rotaId', 'hardCount', 'softPenalty', 'violations'] },
  }),
  definePolicy({
    type: 'AssignmentPreview',
    fields: { PUBLIC: ['basis', 'eligible', 'hardCount', 'softPenaltyDelta', 'violations', 'resolved'] },
  }),
  definePolicy({
    type: 'EligibleCandidate',
    fields: { PUBLIC: ['staff', 'staffId', 'basis', 'eligible', 'softPenaltyDelta', 'violations'] },
  }),
  definePolicy({
    type: 'RuleInfo',
    fields: {
      PUBLIC: [
        'code',
        'summary',
        'scope',
        'unit',
        'personalDetails',
        'defaultSeverity',
        'statutory',
        'parameters',
      ],
    },
  }),
  definePolicy({
    type: 'RuleParameterInfo',
    fields: { PUBLIC: ['name', 'unit', 'description', 'statutory', 'floor', 'ceiling', 'source', 'limits'] },
  }),
  definePolicy({
    type: 'LegalLimitInfo',
    fields: { PUBLIC: ['kind', 'direction', 'value', 'source', 'presets'] },
  }),
];
