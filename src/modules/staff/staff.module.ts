import { Module } from '@nestjs/common';
import { MeResolver, StaffResolver } from './staff.resolver.js';
import { StaffService } from './staff.service.js';

@Module({ providers: [StaffService, StaffResolver, MeResolver], exports: [StaffService] })
export class StaffModule {}
