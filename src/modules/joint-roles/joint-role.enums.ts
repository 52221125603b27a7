import { registerEnumType } from '@nestjs/graphql';

export enum JointRoleStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

export enum EmploymentModel {
  JOINT_EMPLOYMENT = 'JOINT_EMPLOYMENT',
  SECONDMENT = 'SECONDMENT',
  HONORARY_CONTRACT = 'HONORARY_CONTRACT',
  LICENCE_TO_ATTEND = 'LICENCE_TO_ATTEND',
  WORKFORCE_SHARING_AGREEMENT = 'WORKFORCE_SHARING_AGREEMENT',
}

registerEnumType(JointRoleStatus, { name: 'JointRoleStatus' });
registerEnumType(EmploymentModel, { name: 'EmploymentModel' });
