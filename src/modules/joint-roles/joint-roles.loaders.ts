import { byColumnLoader } from '../../common/graphql/loaders.js';
import { JointRoleAppointmentEntity } from './joint-role-appointment.entity.js';
import { JointRolePartnerEntity } from './joint-role-partner.entity.js';
import { JointRoleRequiredSkillEntity } from './joint-role-required-skill.entity.js';

export const partnersByJointRoleId = byColumnLoader(JointRolePartnerEntity, 'jointRoleId', 'organisationId');
export const skillsByJointRoleId = byColumnLoader(JointRoleRequiredSkillEntity, 'jointRoleId', 'skillId');
export const appointmentsByJointRoleId = byColumnLoader(
  JointRoleAppointmentEntity,
  'jointRoleId',
  'startDate',
);
export const appointmentsByStaffId = byColumnLoader(JointRoleAppointmentEntity, 'staffId', 'startDate');
