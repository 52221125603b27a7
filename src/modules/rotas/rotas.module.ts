import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module.js';
import { AssignmentsService } from './assignments.service.js';
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
import { RotaChanges } from './rota-change.js';

@Module({
  imports: [ChecksModule],
  providers: [
    RotaChanges,
    RotasService,
    AssignmentsService,
    MyShiftsService,
    RotasResolver,
    ShiftsResolver,
    ShiftTypesResolver,
    TeamShiftTypesResolver,
    AssignmentsResolver,
    SkillSlotsResolver,
  ],
  exports: [RotasService, AssignmentsService],
})
export class RotasModule {}
