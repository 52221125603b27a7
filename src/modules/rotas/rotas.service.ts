import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { type Actor, hasRole, Role } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { daysBetween } from '../../rota-core/dates.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import { RotaEntity } from './rota.entity.js';
import { RotaStatus } from './rota.enums.js';
import type { CreateRotaInput, CreateShiftTypeInput, RotasArgs } from './rotas.types.js';
import { ShiftTypeEntity } from './shift-type.entity.js';
import { ShiftEntity } from './shift.entity.js';

/** Rotas cover at most 26 weeks. */
export const MAX_ROTA_DAYS = 182;

const ROTA_CONSTRAINTS = {
  ex_rota_team_period: () =>
    new ConflictError('The team already has a rota covering some of those days', {
      field: 'input.startDate',
    }),
};

/**
 * Refuses a rota over days the team already has one for, naming it (CONFLICT with its id and dates). The exclusion
 * constraint ex_rota_team_period stays the last word for two writers at once.
 */
export async function refuseOverlappingRota(
  em: EntityManager,
  teamId: string,
  startDate: string,
  endDate: string,
  field: string,
): Promise<void> {
  const [other]: Array<{ id: string; start_date: string; end_date: string; status: string }> = await em.query(
    `SELECT id, start_date::text, end_date::text, status FROM rota
      WHERE team_id = $1 AND start_date <= $3::date AND end_date >= $2::date
      ORDER BY start_date LIMIT 1`,
    [teamId, startDate, endDate],
  );
  if (other) {
    throw new ConflictError(
      `The team already has a ${other.status.toLowerCase()} rota from ${other.start_date} to ${other.end_date} (${other.id}) covering some of those days`,
      { field, rotaId: other.id, startDate: other.start_date, endDate: other.end_date },
    );
  }
}

@Injectable()
export class RotasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  // ---- shift types ------------------------------------------------------------------------------------------

  createShiftType(actor: Actor, input: CreateShiftTypeInput): Promise<ShiftTypeEntity> {
    return this.tx.run(
      async (em) => {
        const team = await em.getRepository(TeamEntity).findOneBy({ id: input.teamId });
        if (!team) throw new NotFoundError('Team', input.teamId, 'input.teamId');
        Access.assert(Access.managesRotas(actor, team), `shift types of ${team.name}`);
        const breakMinutes = input.unpaidBreakMinutes ?? 0;
        if (breakMinutes >= input.durationMinutes) {
          throw new BadUserInputError('must be shorter than the shift', 'input.unpaidBreakMinutes');
        }
        const repo = em.getRepository(ShiftTypeEntity);
        let cannotBeFollowedByIds: string[] = [];
        if (input.cannotBeFollowedBy?.length) {
          const types = await repo.findBy({ teamId: team.id });
          cannotBeFollowedByIds = input.cannotBeFollowedBy.map((code) => {
            const t = types.find((x) => x.code === code);
            if (!t)
              throw new BadUserInputError(`the team has no shift type ${code}`, 'input.cannotBeFollowedBy');
            return t.id;
          });
        }
        return repo.save(
          repo.create({
            teamId: team.id,
            code: input.code,
            name: input.name.trim(),
            startTime: input.startTime,
            durationMinutes: input.durationMinutes,
            unpaidBreakMinutes: breakMinutes,
            onCall: input.onCall ?? false,
            sleepIn: input.sleepIn ?? false,
            cannotBeFollowedByIds,
            active: true,
          }),
        );
      },
      {
        constraints: {
          uq_shift_type_team_code: () =>
            new ConflictError(`The team already has a shift type ${input.code}`, { field: 'input.code' }),
        },
      },
    );
  }

  // ---- rotas ------------------------------------------------------------------------------------------------

  createRota(actor: Actor, input: CreateRotaInput): Promise<RotaEntity> {
    if (input.endDate < input.startDate) {
      throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
    }
    if (daysBetween(input.startDate, input.endDate) >= MAX_ROTA_DAYS) {
      throw new BadUserInputError('a rota covers at most 26 weeks', 'input.endDate');
    }
    return this.tx.run(
      async (em) => {
        const team = await em.getRepository(TeamEntity).findOneBy({ id: input.teamId });
        if (!team) throw new NotFoundError('Team', input.teamId, 'input.teamId');
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        await refuseOverlappingRota(em, team.id, input.startDate, input.endDate, 'input.startDate');
        const repo = em.getRepository(RotaEntity);
        return repo.save(
          repo.create({
            teamId: team.id,
            name: input.name ?? null,
            startDate: input.startDate,
            endDate: input.endDate,
            status: RotaStatus.DRAFT,
            version: 1,
            publishedAt: null,
            publishedBy: null,
          }),
        );
      },
      { constraints: ROTA_CONSTRAINTS },
    );
  }

  async list(actor: Actor, args: RotasArgs): Promise<RotaEntity[]> {
    const team = await this.dataSource.getRepository(TeamEntity).findOneBy({ id: args.teamId });
    if (!team) throw new NotFoundError('Team', args.teamId, 'teamId');
    const publishedOnly = !Access.overseesTeam(actor, team);
    if (publishedOnly && !(await this.worksIn(actor, team.id))) {
      throw new ForbiddenError(`Not in your scope: rotas of ${team.name}`);
    }
    const qb = this.dataSource
      .getRepository(RotaEntity)
      .createQueryBuilder('r')
      .where('r.team_id = :team', { team: team.id })
      .orderBy('r.start_date', 'ASC');
    if (args.from) qb.andWhere('r.end_date >= :from', { from: args.from });
    if (args.to) qb.andWhere('r.start_date <= :to', { to: args.to });
    if (publishedOnly) qb.andWhere('r.status = :published', { published: RotaStatus.PUBLISHED });
    return qb.getMany();
  }

  /** A rota the caller may see: drafts to those who oversee the team, published ones also to its staff. */
  async get(actor: Actor, id: string, field = 'id'): Promise<RotaEntity> {
    const rota = await this.dataSource.getRepository(RotaEntity).findOneBy({ id });
    if (!rota) throw new NotFoundError('Rota', id, field);
    const team = await this.dataSource.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
    if (Access.overseesTeam(actor, team)) return rota;
    if (rota.status === RotaStatus.PUBLISHED && (await this.worksIn(actor, team.id, rota.id))) return rota;
    throw new ForbiddenError('Not in your scope: that rota');
  }

  /** Does the caller (as staff) work in the team: their home team, or assigned on the rota? */
  private async worksIn(actor: Actor, teamId: string, rotaId?: string): Promise<boolean> {
    if (!actor.staffId || !hasRole(actor, Role.STAFF, Role.MANAGER, Role.HR)) return false;
    const home = await this.dataSource
      .getRepository(StaffMemberEntity)
      .existsBy({ id: actor.staffId, homeTeamId: teamId });
    if (home) return true;
    const qb = this.dataSource
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin(ShiftEntity, 's', 's.id = a.shift_id')
      .where('a.staff_id = :staff AND s.team_id = :team AND a.cancelled_at IS NULL', {
        staff: actor.staffId,
        team: teamId,
      });
    if (rotaId) qb.andWhere('s.rota_id = :rota', { rota: rotaId });
    return (await qb.getCount()) > 0;
  }
}
