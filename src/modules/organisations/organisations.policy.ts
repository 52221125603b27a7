import { definePolicy } from '../../common/visibility/policy.js';

/** Organisations, teams and their settings describe services, not people: whoever reaches them sees them. */
export const ORGANISATION_POLICIES = [
  definePolicy({
    type: 'Organisation',
    fields: {
      PUBLIC: [
        'id',
        'name',
        'kind',
        'sector',
        'odsCode',
        'cqcProviderId',
        'passportAcceptance',
        'teams',
        'createdAt',
        'updatedAt',
      ],
    },
  }),
  definePolicy({
    type: 'Team',
    fields: {
      PUBLIC: [
        'id',
        'name',
        'kind',
        'organisation',
        'organisationId',
        'timeZone',
        'requiredSkills',
        'ruleSet',
        'shiftTypes',
        'createdAt',
        'updatedAt',
      ],
    },
  }),
  definePolicy({ type: 'TeamRuleSet', fields: { PUBLIC: ['preset', 'overrides'] } }),
  definePolicy({ type: 'RuleSetting', fields: { PUBLIC: ['ruleCode', 'severity', 'params'] } }),
  definePolicy({ type: 'RuleParamValue', fields: { PUBLIC: ['name', 'value'] } }),
];
