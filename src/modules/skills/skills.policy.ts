import { definePolicy } from '../../common/visibility/policy.js';

export const SKILL_POLICIES = [
  definePolicy({
    type: 'Skill',
    fields: { PUBLIC: ['id', 'code', 'name', 'kind', 'description', 'defaultValidityMonths'] },
    note: 'The shared catalogue.',
  }),
];
