import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { daysBetween } from '../../rota-core/dates.js';
import { AssignmentEntity } from './assignment.entity.js';
import { RotaStatus } from './rota.enums.js';

@Injectable()
export class MyShiftsService {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's assignments on published rotas starting in [from, to], cancelled ones included and marked. */
  async myShifts(actor: Actor, from: string, to: string): Promise<AssignmentEntity[]> {
    if (!actor.staffId) throw new BadUserInputError('your token names no staff record (staff_id)', 'token');
    if (to < from) throw new BadUserInputError(`must not be before from (${from})`, 'to');
    if (daysBetween(from, to) > 366) throw new BadUserInputError('ask for at most a year at a time', 'to');
    return this.dataSource
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin('a.shift', 's')
      .innerJoin('rota', 'r', 'r.id = s.rota_id')
      .where('a.staff_id = :staff AND r.status = :published', {
        staff: actor.staffId,
        published: RotaStatus.PUBLISHED,
      })
      .andWhere('s.local_date BETWEEN :from AND :to', { from, to })
      .orderBy('a.starts_at', 'ASC')
      .getMany();
  }
}
