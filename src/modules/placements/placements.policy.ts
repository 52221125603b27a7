import { definePolicy } from '../../common/visibility/policy.js';
import { personSubject } from '../staff/staff.policy.js';
import type { PlacementEntity } from './placement.entity.js';

export const PLACEMENT_POLICIES = [
  definePolicy<PlacementEntity>({
    type: 'Placement',
    subject: async (p, ctx) => ({
      ...(await personSubject(p.staffId, ctx)),
      organisationIds: [p.homeOrganisationId, p.hostOrganisationId],
      teamIds: [p.hostTeamId],
    }),
    rows: 'PERSON_AND_ORGANISATIONS',
    fields: {
      PUBLIC: [
        'id',
        'staff',
        'staffId',
        'kind',
        'homeOrganisation',
        'homeOrganisationId',
        'hostOrganisationId',
        'hostTeam',
        'hostTeamId',
        'direction',
        'startDate',
        'endDate',
        'hoursPerWeek',
        'reason',
        'status',
        'phase',
        'readinessAtRequest',
        'decisions',
        'requestedAt',
        'requestedBy',
        'withdrawnAt',
        'cancelledAt',
        'cancelReason',
      ],
    },
    note: 'The person, their employer, and the host organisation.',
  }),
  definePolicy({
    type: 'PlacementDecision',
    fields: {
      PUBLIC: ['side', 'decision', 'reason', 'overrideGaps', 'readiness', 'decidedAt', 'decidedBy'],
    },
    note: 'Reached only through its placement.',
  }),
];
