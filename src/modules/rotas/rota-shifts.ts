import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { localParts, shiftInstants } from '../../rota-core/time.js';
import type { TeamEntity } from '../organisations/team.entity.js';
import { SkillsService } from '../skills/skills.service.js';
import type { RotaEntity } from './rota.entity.js';
import type { RequirementInput, ShiftInput } from './rotas.types.js';
import { ShiftSkillSlotEntity } from './shift-skill-slot.entity.js';
import { ShiftTypeEntity } from './shift-type.entity.js';
import { ShiftEntity } from './shift.entity.js';

/** A shift's times, from a local date and time on the wall clock or from explicit instants. */
export interface ComputedShift {
  localDate: string;
  startTime: string;
  durationMinutes: number;
  startsAt: Date;
  endsAt: Date;
}

export interface Cover {
  min: number;
  target: number;
  max: number | null;
}

/** One shift to insert: its type, times, cover, skill mix, and the input path its problems are reported at. */
export interface NewShift {
  type: ShiftTypeEntity;
  at: ComputedShift;
  cover: Cover;
  skillMix: Array<{ skillId: string; count: number }>;
  field: string;
}

/** One slot per skill (two lines for one skill add up). */
export function mergeSlots(slots: ReadonlyArray<{ skillId: string; count: number }>): Array<{
  skillId: string;
  count: number;
}> {
  const by = new Map<string, number>();
  for (const s of slots) by.set(s.skillId, (by.get(s.skillId) ?? 0) + s.count);
  return [...by].map(([skillId, count]) => ({ skillId, count }));
}

/** Cover from an input: target defaults to the minimum; refuses target < min and max < target. */
export function coverOf(req: RequirementInput, field: string): Cover {
  const min = req.minHeadcount ?? 0;
  const target = req.targetHeadcount ?? min;
  const max = req.maxHeadcount ?? null;
  if (target < min) throw new BadUserInputError('must not be below minHeadcount', `${field}.targetHeadcount`);
  if (max !== null && max < target)
    throw new BadUserInputError('must not be below targetHeadcount', `${field}.maxHeadcount`);
  return { min, target, max };
}

/** Building shifts, for every write that makes them (add, pattern, copy, template, shift-type changes). */
@Injectable()
export class ShiftBuilder {
  constructor(private readonly skills: SkillsService) {}

  /** Instants of a shift from the team's local date and time; refuses a start that does not exist locally. */
  compute(team: TeamEntity, type: ShiftTypeEntity, item: ShiftInput, field: string): ComputedShift {
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
    return this.at(
      team,
      item.date,
      item.startTime ?? type.startTime.slice(0, 5),
      item.durationMinutes ?? type.durationMinutes,
      item.startTime ? `${field}.startTime` : `${field}.date`,
    );
  }

  /** The instants of a local date, start time and wall-clock length in the team's zone. */
  at(
    team: TeamEntity,
    date: string,
    startTime: string,
    durationMinutes: number,
    field: string,
  ): ComputedShift {
    const r = shiftInstants(date, startTime, durationMinutes, team.timeZone);
    if (!r.ok) throw new BadUserInputError(r.message, field);
    return { localDate: date, startTime, durationMinutes, startsAt: r.startsAt, endsAt: r.endsAt };
  }

  /** The team's shift types by id; NOT_FOUND or BAD_USER_INPUT (another team's) naming the input. */
  async typesOf(
    em: EntityManager,
    team: TeamEntity,
    ids: readonly string[],
    field: (i: number) => string,
  ): Promise<Map<string, ShiftTypeEntity>> {
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

  /** NOT_FOUND naming `field` for a skill the catalogue does not have. */
  async requireSkills(em: EntityManager, ids: readonly string[], field: string): Promise<void> {
    await this.skills.requireAll([...ids], field, em);
  }

  /** Inserts shifts (and their skill mix) into a rota: each inside its dates. A fixed number of statements. */
  async insert(
    em: EntityManager,
    rota: RotaEntity,
    team: TeamEntity,
    rows: NewShift[],
  ): Promise<ShiftEntity[]> {
    await this.skills.requireAll(
      rows.flatMap((r) => r.skillMix.map((k) => k.skillId)),
      'input.skillMix',
      em,
    );
    for (const { at, field } of rows) {
      if (at.localDate < rota.startDate || at.localDate > rota.endDate) {
        throw new BadUserInputError(
          `${at.localDate} is outside the rota (${rota.startDate} to ${rota.endDate})`,
          field.endsWith(']') ? `${field}.date` : field,
        );
      }
    }
    const repo = em.getRepository(ShiftEntity);
    const created: ShiftEntity[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500).map(({ type, at, cover }) =>
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
          minHeadcount: cover.min,
          targetHeadcount: cover.target,
          maxHeadcount: cover.max,
          cancelledAt: null,
        }),
      );
      created.push(...(await repo.save(batch, { chunk: 500 })));
    }
    const slots = created.flatMap((shift, i) =>
      mergeSlots(rows[i]!.skillMix).map((k) => ({ shiftId: shift.id, skillId: k.skillId, count: k.count })),
    );
    for (let i = 0; i < slots.length; i += 1000) {
      await em.getRepository(ShiftSkillSlotEntity).insert(slots.slice(i, i + 1000));
    }
    return created;
  }
}
