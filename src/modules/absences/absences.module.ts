import { Module } from '@nestjs/common';
import { AbsencesResolver } from './absences.resolver.js';
import { AbsencesService } from './absences.service.js';

@Module({ providers: [AbsencesService, AbsencesResolver], exports: [AbsencesService] })
export class AbsencesModule {}
