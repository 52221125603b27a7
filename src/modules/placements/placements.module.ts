import { Module } from '@nestjs/common';
import { PlacementsResolver, StaffPlacementsResolver } from './placements.resolver.js';
import { PlacementsService } from './placements.service.js';

@Module({
  providers: [PlacementsService, PlacementsResolver, StaffPlacementsResolver],
  exports: [PlacementsService],
})
export class PlacementsModule {}
