import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import { personSubject, personSubjectWith } from '../staff/staff.policy.js';
import type { CredentialEntity } from './credential.entity.js';

export const PASSPORT_POLICIES = [
  definePolicy<CredentialEntity>({
    type: 'Credential',
    subject: (c, ctx: PolicyContext) =>
      personSubjectWith(c.staffId, ctx, { organisationIds: [c.verifiedByOrganisationId] }),
    // The person's record (PERSONAL), and HR of the organisation that verified it.
    rows: (_c, can) => can('PERSONAL') || can('ORGANISATION_HR'),
    rowsNote: '`PERSONAL`, or `ORGANISATION_HR` of the organisation that verified it',
    fields: {
      PUBLIC: [
        'id',
        'staffId',
        'skill',
        'skillId',
        'obtainedOn',
        'expiresOn',
        'status',
        'evidenceReference',
        'verifiedByOrganisation',
        'verifiedByOrganisationId',
        'verifiedAt',
        'revokedAt',
        'revocationReason',
        'staff',
        'acceptance',
        'recordedBy',
        'decidedBy',
        'decidedAt',
        'declineReason',
      ],
    },
    note: 'Part of the person’s passport: their record, and HR of the organisation that verified it.',
  }),
  definePolicy({
    type: 'PassportAcceptance',
    fields: {
      PUBLIC: [
        'organisationId',
        'sector',
        'skillIds',
        'skills',
        'verifyingOrganisationIds',
        'verifyingOrganisations',
        'version',
      ],
    },
    note: 'An organisation’s published acceptance of the other sector’s credentials.',
  }),
  definePolicy<{ staffId: string }>({
    type: 'PassportReadiness',
    subject: (r, ctx) => personSubject(r.staffId, ctx),
    fields: { PUBLIC: ['staffId', 'staff', 'teamId', 'team', 'on', 'ready', 'gaps'] },
    note: 'Asked for by the person, their employer, or the team’s manager or HR when the person is placed, appointed or rostered there (checked by passportReadiness).',
  }),
  definePolicy({
    type: 'PassportGap',
    fields: { PUBLIC: ['skill', 'skillId', 'reason', 'expiresOn', 'credentialId'] },
    note: 'Reached only through PassportReadiness.',
  }),
];
