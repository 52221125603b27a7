import { Module } from '@nestjs/common';
import {
  JointRoleAppointmentResolver,
  JointRolePartnerResolver,
  JointRolesResolver,
  OrganisationGapResolver,
  StaffJointRolesResolver,
} from './joint-roles.resolver.js';
import { JointRolesService } from './joint-roles.service.js';

@Module({
  providers: [
    JointRolesService,
    JointRolesResolver,
    JointRolePartnerResolver,
    JointRoleAppointmentResolver,
    OrganisationGapResolver,
    StaffJointRolesResolver,
  ],
  exports: [JointRolesService],
})
export class JointRolesModule {}
