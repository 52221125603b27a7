import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './organisations.resolver.js';
import { OrganisationsService } from './organisations.service.js';
import { TeamsResolver } from './teams.resolver.js';
import { TeamsService } from './teams.service.js';

@Module({
  providers: [OrganisationsService, TeamsService, OrganisationsResolver, TeamsResolver],
  exports: [OrganisationsService, TeamsService],
})
export class OrganisationsModule {}
