import { definePolicy } from '../../common/visibility/policy.js';

const REPORT =
  'A report: scoped when it is asked for (HR of the organisations, managers of the teams) and aggregated in SQL.';

export const REPORT_POLICIES = [
  definePolicy({
    type: 'BankReport',
    fields: {
      PUBLIC: [
        'from',
        'to',
        'bankShifts',
        'crossOrganisationShifts',
        'places',
        'filled',
        'fillPercent',
        'medianHoursToFill',
        'p90HoursToFill',
        'byOrganisationPair',
        'byTeam',
      ],
    },
    note: REPORT,
  }),
  definePolicy({
    type: 'BankPairLine',
    fields: {
      PUBLIC: [
        'workerOrganisationId',
        'workerOrganisationName',
        'workerSector',
        'hostOrganisationId',
        'hostOrganisationName',
        'hostSector',
        'direction',
        'shifts',
        'people',
        'hours',
      ],
    },
  }),
  definePolicy({
    type: 'OpenShiftTeamLine',
    fields: {
      PUBLIC: [
        'teamId',
        'teamName',
        'organisationId',
        'offers',
        'places',
        'filled',
        'fillPercent',
        'medianHoursToFill',
      ],
    },
  }),
  definePolicy({
    type: 'JointRoleReport',
    fields: {
      PUBLIC: [
        'from',
        'to',
        'roles',
        'appointments',
        'fte',
        'annualCost',
        'rolesWithoutCost',
        'byOrganisation',
        'bySector',
        'timeSplit',
      ],
    },
    note: REPORT,
  }),
  definePolicy({
    type: 'JointRolePartnerLine',
    fields: { PUBLIC: ['organisationId', 'organisationName', 'sector', 'roles', 'fte', 'annualCost'] },
  }),
  definePolicy({ type: 'JointRoleSectorLine', fields: { PUBLIC: ['sector', 'roles', 'fte', 'annualCost'] } }),
  definePolicy({
    type: 'JointRoleTimeSplitLine',
    fields: {
      PUBLIC: [
        'jointRoleId',
        'jointRoleTitle',
        'appointmentId',
        'staffId',
        'staffName',
        'organisationId',
        'organisationName',
        'agreedSharePercent',
        'rosteredHours',
        'rosteredSharePercent',
        'deviationPoints',
      ],
    },
  }),
  definePolicy({
    type: 'PlacementReport',
    fields: {
      PUBLIC: [
        'from',
        'to',
        'total',
        'groups',
        'byDirection',
        'byKind',
        'byPhase',
        'byStatus',
        'decided',
        'approved',
        'rejected',
        'approvalPercent',
        'rejectionPercent',
        'medianDaysToDecision',
        'p90DaysToDecision',
      ],
    },
    note: REPORT,
  }),
  definePolicy({
    type: 'PlacementCount',
    fields: { PUBLIC: ['direction', 'kind', 'phase', 'status', 'count'] },
  }),
  definePolicy({
    type: 'ComplianceReport',
    fields: {
      PUBLIC: [
        'from',
        'to',
        'rotas',
        'violations',
        'hardViolations',
        'byRule',
        'byTeam',
        'byTeamAndRule',
        'overrides',
        'derogations',
      ],
    },
    note: REPORT,
  }),
  definePolicy({
    type: 'ComplianceLine',
    fields: {
      PUBLIC: [
        'teamId',
        'teamName',
        'ruleCode',
        'severity',
        'violations',
        'hardViolations',
        'penalty',
        'people',
      ],
    },
  }),
  definePolicy({
    type: 'ComplianceOverride',
    fields: {
      PUBLIC: [
        'id',
        'ruleCode',
        'reason',
        'overriddenBy',
        'overriddenAt',
        'rotaId',
        'teamId',
        'teamName',
        'assignmentId',
        'staffId',
        'staffName',
        'shiftDate',
      ],
    },
  }),
  definePolicy({
    type: 'ComplianceDerogation',
    fields: {
      PUBLIC: [
        'teamId',
        'teamName',
        'ruleCode',
        'param',
        'limitKind',
        'direction',
        'statutoryValue',
        'valueInForce',
        'severityInForce',
        'source',
        'reason',
        'grantedBy',
        'grantedAt',
      ],
    },
  }),
  definePolicy({
    type: 'CredentialExpiryReport',
    fields: {
      PUBLIC: ['today', 'withinDays', 'expired', 'expiring', 'byOrganisation', 'byTeam', 'credentials'],
    },
    note: REPORT,
  }),
  definePolicy({
    type: 'CredentialExpiryLine',
    fields: { PUBLIC: ['organisationId', 'organisationName', 'teamId', 'teamName', 'expired', 'expiring'] },
  }),
  definePolicy({
    type: 'ExpiringCredential',
    fields: {
      PUBLIC: [
        'credentialId',
        'staffId',
        'staffName',
        'skillCode',
        'skillName',
        'expiresOn',
        'daysLeft',
        'status',
        'organisationId',
        'organisationName',
        'teamId',
        'teamName',
      ],
    },
  }),
];
