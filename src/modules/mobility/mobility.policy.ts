import { definePolicy } from '../../common/visibility/policy.js';
import { personSubject } from '../staff/staff.policy.js';
import { rotaById } from '../rotas/rotas.loaders.js';
import { teamById } from '../organisations/organisations.loaders.js';
import type { BankAgreementEntity } from './bank-agreement.entity.js';
import { openShiftById } from './mobility.loaders.js';
import type { OpenShiftClaimEntity } from './open-shift.entity.js';
import type { ShiftSwapEntity } from './shift-swap.entity.js';

export const MOBILITY_POLICIES = [
  definePolicy<BankAgreementEntity>({
    type: 'BankAgreement',
    subject: (b) => ({ organisationIds: [b.proposerOrganisationId, b.partnerOrganisationId] }),
    rows: 'ORGANISATIONS',
    fields: {
      PUBLIC: [
        'id',
        'proposerOrganisationId',
        'proposerOrganisation',
        'partnerOrganisationId',
        'partnerOrganisation',
        'startDate',
        'endDate',
        'terms',
        'status',
        'proposedBy',
        'proposedAt',
        'endedAt',
        'endedBy',
        'endReason',
        'version',
        'decisions',
      ],
    },
    note: 'HR and managers of the two organisations.',
  }),
  definePolicy({
    type: 'BankAgreementDecision',
    fields: { PUBLIC: ['organisationId', 'decision', 'reason', 'decidedBy', 'decidedAt'] },
    note: 'Reached only through its agreement.',
  }),
  definePolicy({
    type: 'OpenShift',
    fields: {
      PUBLIC: [
        'id',
        'shiftId',
        'teamId',
        'team',
        'organisationId',
        'organisation',
        'startsAt',
        'endsAt',
        'localDate',
        'startTime',
        'durationMinutes',
        'shiftType',
        'places',
        'placesLeft',
        'skillIds',
        'skills',
        'note',
        'includePartners',
        'autoApproveOwnStaff',
        'status',
        'publishedBy',
        'publishedAt',
        'filledAt',
        'withdrawnAt',
        'withdrawnBy',
        'withdrawReason',
        'version',
        'claims',
        'myReadiness',
      ],
    },
    note: 'An offer of work, no one’s personal data: `openShifts` decides who reaches it (the host’s managers and HR, those eligible to claim it, its claimants); who claimed it is the claims’ own policy.',
  }),
  definePolicy<OpenShiftClaimEntity>({
    type: 'OpenShiftClaim',
    subject: async (c, ctx) => {
      const offer = await ctx.loaders.get(openShiftById).load(c.openShiftId);
      return {
        ...(await personSubject(c.staffId, ctx)),
        organisationIds: offer ? [offer.organisationId] : [],
        teamIds: offer ? [offer.teamId] : [],
      };
    },
    rows: 'PERSON_AND_ORGANISATIONS',
    fields: {
      PUBLIC: [
        'id',
        'openShiftId',
        'openShift',
        'staffId',
        'staff',
        'place',
        'status',
        'bankAgreementId',
        'readiness',
        'claimedBy',
        'claimedAt',
        'decidedBy',
        'decidedAt',
        'reason',
        'assignmentId',
      ],
    },
    note: 'The claimant, their employer, and the host organisation.',
  }),
  definePolicy<ShiftSwapEntity>({
    type: 'ShiftSwap',
    subject: async (w, ctx) => {
      const rota = await ctx.loaders.get(rotaById).load(w.rotaId);
      const team = rota ? await ctx.loaders.get(teamById).load(rota.teamId) : null;
      return {
        staffId: w.staffId,
        staffIds: [w.colleagueId],
        teamIds: team ? [team.id] : [],
        organisationIds: team ? [team.organisationId] : [],
      };
    },
    rows: 'SWAP_PARTIES',
    fields: {
      PUBLIC: [
        'id',
        'rotaId',
        'rota',
        'assignmentId',
        'staffId',
        'staff',
        'shift',
        'colleagueAssignmentId',
        'colleagueId',
        'colleague',
        'colleagueShift',
        'message',
        'status',
        'proposedBy',
        'proposedAt',
        'respondedAt',
        'responseReason',
        'decidedBy',
        'decidedAt',
        'decisionReason',
        'withdrawnAt',
        'version',
      ],
    },
    note: 'The two people, the team’s manager and HR of its organisation.',
  }),
];
