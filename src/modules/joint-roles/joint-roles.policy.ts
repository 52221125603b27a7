import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import type { Subject } from '../../common/visibility/relations.js';
import { personSubject } from '../staff/staff.policy.js';
import type { JointRoleAppointmentEntity } from './joint-role-appointment.entity.js';
import type { JointRolePartnerEntity } from './joint-role-partner.entity.js';
import type { JointRoleEntity } from './joint-role.entity.js';
import { appointmentsByJointRoleId, partnersByJointRoleId } from './joint-roles.loaders.js';

/** A joint role's partner organisations (and, when asked, its appointees), loaded in bulk. */
async function roleSubject(jointRoleId: string, ctx: PolicyContext, appointees = false): Promise<Subject> {
  const [partners, appointments] = await Promise.all([
    ctx.loaders.get(partnersByJointRoleId).load(jointRoleId),
    appointees ? ctx.loaders.get(appointmentsByJointRoleId).load(jointRoleId) : [],
  ]);
  return {
    organisationIds: partners.map((p) => p.organisationId),
    staffIds: appointments.map((a) => a.staffId),
  };
}

export const JOINT_ROLE_POLICIES = [
  definePolicy<JointRoleEntity>({
    type: 'JointRole',
    subject: (r, ctx) => roleSubject(r.id, ctx, true),
    rows: 'PARTNERS_AND_APPOINTEES',
    fields: {
      PUBLIC: [
        'id',
        'title',
        'description',
        'staffGroup',
        'fte',
        'startDate',
        'endDate',
        'status',
        'employmentModel',
        'employingPartner',
        'employingPartnerId',
        'lineManagementPartner',
        'lineManagementPartnerId',
        'supervisionPartner',
        'supervisionPartnerId',
        'partners',
        'requiredSkills',
        'termsVersion',
      ],
      FUNDING: ['annualCost'],
      ORGANISATIONS: ['appointments'],
    },
    note: 'Seen by its partners’ HR and managers and by the people appointed to it; its cost by the partners’ HR; who holds it by the partners.',
  }),
  definePolicy<JointRolePartnerEntity>({
    type: 'JointRolePartner',
    subject: (p, ctx) => roleSubject(p.jointRoleId, ctx),
    fields: {
      PUBLIC: [
        'organisation',
        'organisationId',
        'timeSharePercent',
        'acceptance',
        'decidedBy',
        'decidedAt',
        'declineReason',
      ],
      FUNDING: ['fundingSharePercent'],
    },
  }),
  definePolicy<JointRoleAppointmentEntity>({
    type: 'JointRoleAppointment',
    subject: async (a, ctx) => ({
      ...(await personSubject(a.staffId, ctx)),
      organisationIds: (await roleSubject(a.jointRoleId, ctx)).organisationIds,
    }),
    rows: 'PERSON_AND_ORGANISATIONS',
    fields: {
      PUBLIC: [
        'id',
        'jointRoleId',
        'staff',
        'staffId',
        'startDate',
        'endDate',
        'endReason',
        'fte',
        'gaps',
        'overrideReason',
        'appointedAt',
        'appointedBy',
        'status',
        'decidedBy',
        'decidedAt',
        'declineReason',
      ],
    },
    note: 'The person, their employer, and the role’s partners.',
  }),
  definePolicy({
    type: 'OrganisationGap',
    fields: { PUBLIC: ['organisation', 'organisationId', 'skill', 'skillId', 'reason', 'expiresOn'] },
    note: 'Reached only through an appointment or a placement, whose policy applies.',
  }),
];
