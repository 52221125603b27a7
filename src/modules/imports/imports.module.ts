import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module.js';
import { JointRolesModule } from '../joint-roles/joint-roles.module.js';
import { PassportModule } from '../passport/passport.module.js';
import { PlacementsModule } from '../placements/placements.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { ImportsResolver } from './imports.resolver.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [StaffModule, PassportModule, AbsencesModule, PlacementsModule, JointRolesModule],
  providers: [ImportsService, ImportsResolver],
})
export class ImportsModule {}
