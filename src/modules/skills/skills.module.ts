import { Global, Module } from '@nestjs/common';
import { SkillsResolver } from './skills.resolver.js';
import { SkillsService } from './skills.service.js';

@Global()
@Module({ providers: [SkillsService, SkillsResolver], exports: [SkillsService] })
export class SkillsModule {}
