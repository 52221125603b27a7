import { Global, Module } from '@nestjs/common';
import {
  CredentialResolver,
  OrganisationPassportResolver,
  PassportAcceptanceResolver,
  PassportGapResolver,
  PassportReadinessResolver,
  StaffPassportResolver,
} from './passport.resolver.js';
import { PassportService } from './passport.service.js';

@Global()
@Module({
  providers: [
    PassportService,
    CredentialResolver,
    StaffPassportResolver,
    PassportAcceptanceResolver,
    OrganisationPassportResolver,
    PassportReadinessResolver,
    PassportGapResolver,
  ],
  exports: [PassportService],
})
export class PassportModule {}
