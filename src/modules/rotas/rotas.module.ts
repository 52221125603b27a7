import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module.js';
import { MyShiftsService } from './my-shifts.service.js';
import {
  AssignmentsResolver,
  RotasResolver,
  ShiftsResolver,
  ShiftTypesResolver,
  SkillSlotsResolver,
  TeamShiftTypesResolver,
} from './rotas.resolver.js';
import { RotasService } from './rotas.service.js';
import { RotaAttentionService } from './rota-attention.service.js';
import { RotaEditsService } from './rota-edits.service.js';
import { ShiftBuilder } from './rota-shifts.js';
import { RotaTemplatesResolver } from './rota-templates.resolver.js';
import { RotaWriter } from './rota-writer.js';

@Module({
  imports: [ChecksModule],
  providers: [
    RotaWriter,
    ShiftBuilder,
    RotaEditsService,
    RotaAttentionService,
    RotasService,
    RotaTemplatesResolver,
    MyShiftsService,
    RotasResolver,
    ShiftsResolver,
    ShiftTypesResolver,
    TeamShiftTypesResolver,
    AssignmentsResolver,
    SkillSlotsResolver,
  ],
  exports: [RotasService, RotaEditsService, RotaWriter],
})
export class RotasModule {}
