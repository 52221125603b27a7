import { Module } from '@nestjs/common';
import { RotasModule } from '../rotas/rotas.module.js';
import { BankAgreementsService } from './bank-agreements.service.js';
import {
  BankAgreementsResolver,
  OpenShiftClaimsResolver,
  OpenShiftsResolver,
  ShiftSwapsResolver,
} from './mobility.resolver.js';
import { OpenShiftsService } from './open-shifts.service.js';
import { ShiftSwapsService } from './shift-swaps.service.js';

/** Staff moving between sectors shift by shift: bank agreements, open shifts and their claims, shift swaps. */
@Module({
  imports: [RotasModule],
  providers: [
    BankAgreementsService,
    OpenShiftsService,
    ShiftSwapsService,
    BankAgreementsResolver,
    OpenShiftsResolver,
    OpenShiftClaimsResolver,
    ShiftSwapsResolver,
  ],
  exports: [BankAgreementsService, OpenShiftsService],
})
export class MobilityModule {}
