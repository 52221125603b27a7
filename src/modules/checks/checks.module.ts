import { Module } from '@nestjs/common';
import { DatabaseAuthorisationSource } from './authorisation-source.js';
import { ChecksResolver, EligibleCandidateResolver, ViolationResolver } from './checks.resolver.js';
import { ChecksService } from './checks.service.js';
import { ComplianceRefreshJob } from './compliance-refresh.job.js';
import { AUTHORISATION_SOURCE, RotaFactsLoader } from './rota-facts.loader.js';

@Module({
  providers: [
    RotaFactsLoader,
    ChecksService,
    ChecksResolver,
    ViolationResolver,
    EligibleCandidateResolver,
    ComplianceRefreshJob,
    { provide: AUTHORISATION_SOURCE, useClass: DatabaseAuthorisationSource },
  ],
  exports: [ChecksService, RotaFactsLoader, ComplianceRefreshJob],
})
export class ChecksModule {}
