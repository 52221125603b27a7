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
import { addDays, daysBetween } from '../../rota-core/dates.js';
import { localParts, shiftInstants } from '../../rota-core/time.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { SkillsService } from '../skills/skills.service.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import { lockRotaForChange, RotaChanges } from './rota-change.js';
import { RotaEntity } from './rota.entity.js';
import { RotaStatus, WEEKDAY_NUMBER } from './rota.enums.js';
import type {
  AddShiftsInput,
  CreateRotaInput,
  CreateShiftTypeInput,
  RequirementInput,
  RotaChangeInput,
  RotasArgs,
  ShiftInput,
  ShiftPatternInput,
  UpdateShiftInput,
} from './rotas.types.js';
import { ShiftSkillSlotEntity } from './shift-skill-slot.entity.js';
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

const SHIFT_CONSTRAINTS = {
  uq_shift_rota_type_date: () =>
    new ConflictError('The rota already has a shift of that type on that date', { field: 'input.shifts' }),
  ex_assignment_staff_overlap: () =>
    new ConflictError('Moving the shift would double-book someone assigned to it'),
};

interface ComputedShift {
  localDate: string;
  startTime: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
}

@Injectable()
export class RotasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly skills: SkillsService,
    private readonly changes: RotaChanges,
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

  // ---- shifts -----------------------------------------------------------------------------------------------

  /** Instants of a shift from the team's local date and time; refuses a start that does not exist locally. */
  computeShift(team: TeamEntity, type: ShiftTypeEntity, item: ShiftInput, field: string): ComputedShift {
    if (item.startsAt || item.endsAt) {
      if (!item.startsAt || !item.endsAt) {
        throw new BadUserInputError('give both startsAt and endsAt, or a date', `${field}.startsAt`);
      }
      if (item.date || item.startTime || item.durationMinutes) {
        throw new BadUserInputError(
          'give either startsAt/endsAt or date/startTime/durationMinutes',
          `${field}.date`,
        );
      }
      const minutes = (item.endsAt.getTime() - item.startsAt.getTime()) / 60_000;
      if (minutes <= 0) throw new BadUserInputError('must be after startsAt', `${field}.endsAt`);
      if (minutes > 1440) throw new BadUserInputError('a shift lasts at most 24 hours', `${field}.endsAt`);
      const local = localParts(item.startsAt, team.timeZone);
      return {
        localDate: local.date,
        startTime: local.time,
        durationMinutes: Math.round(minutes),
        startsAt: item.startsAt,
        endsAt: item.endsAt,
      };
    }
    if (!item.date) throw new BadUserInputError('give a date (or startsAt and endsAt)', `${field}.date`);
    const startTime = item.startTime ?? type.startTime.slice(0, 5);
    const durationMinutes = item.durationMinutes ?? type.durationMinutes;
    const r = shiftInstants(item.date, startTime, durationMinutes, team.timeZone);
    if (!r.ok)
      throw new BadUserInputError(r.message, item.startTime ? `${field}.startTime` : `${field}.date`);
    return { localDate: item.date, startTime, durationMinutes, startsAt: r.startsAt, endsAt: r.endsAt };
  }

  private requirement(
    req: RequirementInput,
    field: string,
  ): { min: number; target: number; max: number | null } {
    const min = req.minHeadcount ?? 0;
    const target = req.targetHeadcount ?? min;
    const max = req.maxHeadcount ?? null;
    if (target < min)
      throw new BadUserInputError('must not be below minHeadcount', `${field}.targetHeadcount`);
    if (max !== null && max < target)
      throw new BadUserInputError('must not be below targetHeadcount', `${field}.maxHeadcount`);
    return { min, target, max };
  }

  private async typesOf(em: EntityManager, team: TeamEntity, ids: string[], field: (i: number) => string) {
    const types = await em
      .getRepository(ShiftTypeEntity)
      .createQueryBuilder('t')
      .where('t.id = ANY(:ids)', { ids: [...new Set(ids)] })
      .getMany();
    const byId = new Map(types.map((t) => [t.id, t]));
    ids.forEach((id, i) => {
      const t = byId.get(id);
      if (!t) throw new NotFoundError('Shift type', id, `${field(i)}.shiftTypeId`);
      if (t.teamId !== team.id)
        throw new BadUserInputError('belongs to another team', `${field(i)}.shiftTypeId`);
    });
    return byId;
  }

  private async insertShifts(
    em: EntityManager,
    rota: RotaEntity,
    team: TeamEntity,
    rows: Array<{ type: ShiftTypeEntity; at: ComputedShift; req: RequirementInput; field: string }>,
  ): Promise<ShiftEntity[]> {
    const skillIds = rows.flatMap((r) => (r.req.skillMix ?? []).map((k) => k.skillId));
    await this.skills.requireAll(skillIds, 'input.skillMix', em);
    const repo = em.getRepository(ShiftEntity);
    const created: ShiftEntity[] = [];
    for (const { type, at, req, field } of rows) {
      if (at.localDate < rota.startDate || at.localDate > rota.endDate) {
        throw new BadUserInputError(
          `${at.localDate} is outside the rota (${rota.startDate} to ${rota.endDate})`,
          field.endsWith(']') ? `${field}.date` : field,
        );
      }
      const { min, target, max } = this.requirement(req, field);
      const shift = await repo.save(
        repo.create({
          rotaId: rota.id,
          teamId: team.id,
          shiftTypeId: type.id,
          localDate: at.localDate,
          startTime: at.startTime,
          durationMinutes: at.durationMinutes,
          unpaidBreakMinutes: Math.min(type.unpaidBreakMinutes, at.durationMinutes - 1),
          startsAt: at.startsAt,
          endsAt: at.endsAt,
          minHeadcount: min,
          targetHeadcount: target,
          maxHeadcount: max,
          cancelledAt: null,
        }),
      );
      const mix = mergeSlots(req.skillMix ?? []);
      if (mix.length) {
        await em
          .getRepository(ShiftSkillSlotEntity)
          .insert(mix.map((k) => ({ shiftId: shift.id, skillId: k.skillId, count: k.count })));
      }
      created.push(shift);
    }
    return created;
  }

  /** `addShifts`: an explicit list, all or nothing. */
  addShifts(
    actor: Actor,
    rotaId: string,
    input: AddShiftsInput,
  ): Promise<{ rota: RotaEntity; shifts: ShiftEntity[]; skipped: number }> {
    return this.tx.run(
      async (em) => {
        const { rota, team } = await lockRotaForChange(em, actor, rotaId, input);
        const field = (i: number) => `input.shifts[${i}]`;
        const types = await this.typesOf(
          em,
          team,
          input.shifts.map((s) => s.shiftTypeId),
          field,
        );
        const rows = input.shifts.map((item, i) => {
          const type = types.get(item.shiftTypeId)!;
          return { type, at: this.computeShift(team, type, item, field(i)), req: item, field: field(i) };
        });
        const shifts = await this.insertShifts(em, rota, team, rows);
        const saved = await this.changes.record(em, actor, rota, 'addShifts', input, {
          shiftIds: shifts.map((s) => s.id),
        });
        return { rota: saved, shifts, skipped: 0 };
      },
      { constraints: SHIFT_CONSTRAINTS },
    );
  }

  /**
   * `addShiftsFromPattern`: shift types × weekdays × weeks over the rota's range. Idempotent: a shift of the
   * same type on the same date is left as it is and counted as skipped.
   */
  addShiftsFromPattern(
    actor: Actor,
    rotaId: string,
    input: ShiftPatternInput,
  ): Promise<{ rota: RotaEntity; shifts: ShiftEntity[]; skipped: number }> {
    return this.tx.run(
      async (em) => {
        const { rota, team } = await lockRotaForChange(em, actor, rotaId, input);
        const field = (i: number) => `input.lines[${i}]`;
        const types = await this.typesOf(
          em,
          team,
          input.lines.map((l) => l.shiftTypeId),
          field,
        );
        const existing = await em
          .getRepository(ShiftEntity)
          .createQueryBuilder('s')
          .select(['s.shiftTypeId', 's.localDate'])
          .where('s.rota_id = :rota AND s.cancelled_at IS NULL', { rota: rota.id })
          .getMany();
        const taken = new Set(existing.map((s) => `${s.shiftTypeId}|${s.localDate}`));
        const weeks = input.weeks?.length ? new Set(input.weeks) : undefined;
        const days = daysBetween(rota.startDate, rota.endDate) + 1;
        const rows: Array<{
          type: ShiftTypeEntity;
          at: ComputedShift;
          req: RequirementInput;
          field: string;
        }> = [];
        let skipped = 0;
        for (let d = 0; d < days; d++) {
          if (weeks && !weeks.has(Math.floor(d / 7) + 1)) continue;
          const date = addDays(rota.startDate, d);
          const weekday = localParts(Date.parse(`${date}T12:00:00Z`), 'UTC').weekday;
          input.lines.forEach((line, i) => {
            if (!line.weekdays.some((w) => WEEKDAY_NUMBER[w] === weekday)) return;
            if (taken.has(`${line.shiftTypeId}|${date}`)) {
              skipped++;
              return;
            }
            taken.add(`${line.shiftTypeId}|${date}`);
            const type = types.get(line.shiftTypeId)!;
            rows.push({
              type,
              at: this.computeShift(team, type, { ...line, date }, field(i)),
              req: line,
              field: field(i),
            });
          });
        }
        const shifts = await this.insertShifts(em, rota, team, rows);
        const saved = shifts.length
          ? await this.changes.record(em, actor, rota, 'addShiftsFromPattern', input, {
              created: shifts.length,
            })
          : rota;
        return { rota: saved, shifts, skipped };
      },
      { constraints: SHIFT_CONSTRAINTS },
    );
  }

  updateShift(actor: Actor, shiftId: string, input: UpdateShiftInput): Promise<ShiftEntity> {
    return this.tx.run(
      async (em) => {
        const found = await em.getRepository(ShiftEntity).findOneBy({ id: shiftId });
        if (!found) throw new NotFoundError('Shift', shiftId, 'id');
        const { rota, team } = await lockRotaForChange(em, actor, found.rotaId, input);
        const shift = await em.getRepository(ShiftEntity).findOneByOrFail({ id: shiftId });
        if (shift.cancelledAt) throw new ConflictError('The shift was cancelled', { status: 'CANCELLED' });
        const type = await em.getRepository(ShiftTypeEntity).findOneByOrFail({ id: shift.shiftTypeId });
        if (input.startTime !== undefined || input.durationMinutes !== undefined) {
          const at = this.computeShift(
            team,
            type,
            {
              shiftTypeId: type.id,
              date: shift.localDate,
              startTime: input.startTime ?? shift.startTime.slice(0, 5),
              durationMinutes: input.durationMinutes ?? shift.durationMinutes,
            },
            'input',
          );
          Object.assign(shift, {
            startTime: at.startTime,
            durationMinutes: at.durationMinutes,
            startsAt: at.startsAt,
            endsAt: at.endsAt,
          });
          await em
            .getRepository(AssignmentEntity)
            .createQueryBuilder()
            .update()
            .set({ startsAt: at.startsAt, endsAt: at.endsAt })
            .where('shift_id = :id AND cancelled_at IS NULL', { id: shift.id })
            .execute();
        }
        if (input.unpaidBreakMinutes !== undefined) {
          if (input.unpaidBreakMinutes >= shift.durationMinutes) {
            throw new BadUserInputError('must be shorter than the shift', 'input.unpaidBreakMinutes');
          }
          shift.unpaidBreakMinutes = input.unpaidBreakMinutes;
        }
        const req = this.requirement(
          {
            minHeadcount: input.minHeadcount ?? shift.minHeadcount,
            targetHeadcount:
              input.targetHeadcount ??
              (input.minHeadcount !== undefined
                ? Math.max(input.minHeadcount, shift.targetHeadcount)
                : shift.targetHeadcount),
            maxHeadcount: input.maxHeadcount === undefined ? shift.maxHeadcount : input.maxHeadcount,
          },
          'input',
        );
        Object.assign(shift, { minHeadcount: req.min, targetHeadcount: req.target, maxHeadcount: req.max });
        if (input.skillMix) {
          await this.skills.requireAll(
            input.skillMix.map((k) => k.skillId),
            'input.skillMix',
            em,
          );
          await em.getRepository(ShiftSkillSlotEntity).delete({ shiftId: shift.id });
          const mix = mergeSlots(input.skillMix);
          if (mix.length) {
            await em
              .getRepository(ShiftSkillSlotEntity)
              .insert(mix.map((k) => ({ shiftId: shift.id, skillId: k.skillId, count: k.count })));
          }
        }
        const saved = await em.getRepository(ShiftEntity).save(shift);
        await this.changes.record(em, actor, rota, 'updateShift', input, { shiftId: shift.id });
        return saved;
      },
      { constraints: SHIFT_CONSTRAINTS },
    );
  }

  /** On a draft the shift goes; on a published rota it is kept, cancelled, with its assignments. */
  removeShift(actor: Actor, shiftId: string, change: RotaChangeInput | undefined): Promise<RotaEntity> {
    return this.tx.run(async (em) => {
      const found = await em.getRepository(ShiftEntity).findOneBy({ id: shiftId });
      if (!found) throw new NotFoundError('Shift', shiftId, 'id');
      const { rota } = await lockRotaForChange(em, actor, found.rotaId, change);
      // Read again under the rota's lock: a concurrent removal may have gone first.
      const shift = await em.getRepository(ShiftEntity).findOneBy({ id: shiftId });
      if (!shift) throw new NotFoundError('Shift', shiftId, 'id');
      if (shift.cancelledAt)
        throw new ConflictError('The shift was already cancelled', { status: 'CANCELLED' });
      if (rota.status === RotaStatus.DRAFT) {
        await em.getRepository(ShiftEntity).delete({ id: shiftId });
      } else {
        const now = new Date();
        await em.getRepository(ShiftEntity).update({ id: shiftId }, { cancelledAt: now });
        await em
          .getRepository(AssignmentEntity)
          .createQueryBuilder()
          .update()
          .set({ cancelledAt: now })
          .where('shift_id = :id AND cancelled_at IS NULL', { id: shiftId })
          .execute();
      }
      return this.changes.record(em, actor, rota, 'removeShift', change, { shiftId });
    });
  }
}

/** One slot per skill (two lines for one skill add up). */
function mergeSlots(
  slots: Array<{ skillId: string; count: number }>,
): Array<{ skillId: string; count: number }> {
  const by = new Map<string, number>();
  for (const s of slots) by.set(s.skillId, (by.get(s.skillId) ?? 0) + s.count);
  return [...by].map(([skillId, count]) => ({ skillId, count }));
}
