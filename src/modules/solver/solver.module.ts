import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module.js';
import { RotasModule } from '../rotas/rotas.module.js';
import { SolveQueue } from './solve-queue.js';
import { SolveRunner } from './solve-runner.js';
import { ProposedAssignmentResolver, SolverResolver } from './solver.resolver.js';
import { SolverService } from './solver.service.js';

@Module({
  imports: [ChecksModule, RotasModule],
  providers: [SolveRunner, SolveQueue, SolverService, SolverResolver, ProposedAssignmentResolver],
})
export class SolverModule {}
