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
  definePolicy({
    type: 'TeamRuleSet',
    fields: { PUBLIC: ['preset', 'overrides', 'derogations', 'forbiddenSequences'] },
  }),
  definePolicy({
    type: 'RuleDerogation',
    fields: { PUBLIC: ['ruleCode', 'param', 'reason', 'grantedBy', 'grantedAt'] },
    note: 'Who allowed a team to weaken a legal limit is part of the team’s rule set, shown as the compliance report shows overrides.',
  }),
  definePolicy({ type: 'ForbiddenSequence', fields: { PUBLIC: ['first', 'then'] } }),
  definePolicy({ type: 'RuleSetting', fields: { PUBLIC: ['ruleCode', 'severity', 'params'] } }),
  definePolicy({ type: 'RuleParamValue', fields: { PUBLIC: ['name', 'value'] } }),
];
