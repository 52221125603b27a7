import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { authorisationBasis } from '../../rota-core/authorisation.js';
import { addDays, daysBetween } from '../../rota-core/dates.js';
import { localParts } from '../../rota-core/time.js';
import type { RuleViolations } from '../checks/checks.types.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import type {
  AddShiftsFromPatternInput,
  AddShiftsInput,
  AssignStaffInput,
  BulkAssignInput,
  CopyRotaInput,
  CreateRotaFromTemplateInput,
  CreateRotaTemplateInput,
  DeleteRotaInput,
  MoveAssignmentInput,
  PublishRotaInput,
  RemoveShiftInput,
  RotaTemplateShift,
  SwapAssignmentsInput,
  UnassignStaffInput,
  UnpublishRotaInput,
  UpdateShiftInput,
  UpdateShiftTypeInput,
} from './rota-edit.types.js';
import { coverOf, mergeSlots, type NewShift, ShiftBuilder } from './rota-shifts.js';
import {
  RotaTemplateAssignmentEntity,
  RotaTemplateEntity,
  RotaTemplateShiftEntity,
  RotaTemplateSlotEntity,
} from './rota-template.entity.js';
import { type EditContext, type EditOutcome, RotaWriter, type RotaWriteOptions } from './rota-writer.js';
import { RotaEntity } from './rota.entity.js';
import { AssignmentBasis, RotaOperation, RotaStatus, Weekday, WEEKDAY_NUMBER } from './rota.enums.js';
import { MAX_ROTA_DAYS, refuseOverlappingRota } from './rotas.service.js';
import { ShiftSkillSlotEntity } from './shift-skill-slot.entity.js';
import { ShiftTypeEntity } from './shift-type.entity.js';
import { ShiftEntity } from './shift.entity.js';

export const WRITE_CONSTRAINTS = {
  ex_assignment_staff_overlap: () =>
    new ConflictError('Someone would be on two overlapping shifts', { field: 'input.staffId' }),
  uq_assignment_shift_staff: () =>
    new ConflictError('The staff member is already on this shift', { field: 'input.staffId' }),
  uq_shift_rota_type_date: () =>
    new ConflictError('The rota already has a shift of that type on that date', { field: 'input.shifts' }),
  ex_rota_team_period: () =>
    new ConflictError('The team already has a rota covering some of those days', {
      field: 'input.startDate',
    }),
};

const WEEKDAY_OF = Object.fromEntries(Object.entries(WEEKDAY_NUMBER).map(([k, v]) => [v, k])) as Record<
  number,
  Weekday
>;

/** Day of the week of an ISO date (Monday 1 … Sunday 7). */
const weekdayOf = (date: string): number => localParts(Date.parse(`${date}T12:00:00Z`), 'UTC').weekday;

/** The pieces of the write options every input carries. */
const writeOptions = (input: RotaWriteOptions): RotaWriteOptions => ({
  expectedVersion: input.expectedVersion,
  reason: input.reason,
  override: input.override,
});

/**
 * Every change to a rota, each a thin plan on the one write path (RotaWriter): which rota, which people the
 * check needs, and the rows to write. Refusals come back as RuleViolations with nothing written.
 */
@Injectable()
export class RotaEditsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: RotaWriter,
    private readonly tx: TransactionRunner,
    private readonly shifts: ShiftBuilder,
  ) {}

  // ---- people on shifts -------------------------------------------------------------------------------------

  async assignStaff(actor: Actor, input: AssignStaffInput): Promise<EditOutcome | RuleViolations> {
    const shift = await this.shiftOrThrow(input.shiftId, 'input.shiftId');
    return this.writer.write(
      actor,
      shift.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.ASSIGN_STAFF,
        people: [input.staffId],
        apply: async (ctx) => {
          const { created } = await this.assign(ctx, [{ shiftId: input.shiftId, staffId: input.staffId }], {
            field: (n) => `input.${n}`,
          });
          return {
            assignments: created,
            details: { shiftId: input.shiftId, staffId: input.staffId },
          };
        },
      },
      { constraints: WRITE_CONSTRAINTS, field: 'input.shiftId' },
    );
  }

  async unassignStaff(actor: Actor, input: UnassignStaffInput): Promise<EditOutcome | RuleViolations> {
    const assignment = await this.assignmentOrThrow(input.assignmentId, 'input.assignmentId');
    return this.writer.write(actor, assignment.rotaId, writeOptions(input), {
      operation: RotaOperation.UNASSIGN_STAFF,
      apply: async (ctx) => {
        const removed = await this.unassign(ctx, [input.assignmentId], 'input.assignmentId');
        return {
          removedAssignmentIds: removed.map((a) => a.id),
          details: { assignmentId: input.assignmentId, staffId: assignment.staffId },
        };
      },
    });
  }

  async moveAssignment(actor: Actor, input: MoveAssignmentInput): Promise<EditOutcome | RuleViolations> {
    const assignment = await this.assignmentOrThrow(input.assignmentId, 'input.assignmentId');
    return this.writer.write(
      actor,
      assignment.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.MOVE_ASSIGNMENT,
        apply: async (ctx) => {
          const [from] = await this.unassign(ctx, [input.assignmentId], 'input.assignmentId');
          const { created } = await this.assign(ctx, [{ shiftId: input.toShiftId, staffId: from!.staffId }], {
            field: (n) => (n === 'shiftId' ? 'input.toShiftId' : 'input.assignmentId'),
          });
          return {
            assignments: created,
            removedAssignmentIds: [from!.id],
            details: { assignmentId: from!.id, fromShiftId: from!.shiftId, toShiftId: input.toShiftId },
          };
        },
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  async swapAssignments(actor: Actor, input: SwapAssignmentsInput): Promise<EditOutcome | RuleViolations> {
    const a = await this.assignmentOrThrow(input.assignmentId, 'input.assignmentId');
    const b = await this.assignmentOrThrow(input.otherAssignmentId, 'input.otherAssignmentId');
    if (a.rotaId !== b.rotaId) {
      throw new BadUserInputError(
        'must be on the same rota as input.assignmentId',
        'input.otherAssignmentId',
      );
    }
    if (a.staffId === b.staffId) {
      throw new BadUserInputError('is the same person’s: nothing to swap', 'input.otherAssignmentId');
    }
    return this.writer.write(
      actor,
      a.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.SWAP_ASSIGNMENTS,
        apply: async (ctx) => {
          const [first, second] = await this.unassign(ctx, [a.id, b.id], 'input.assignmentId');
          const { created } = await this.assign(
            ctx,
            [
              { shiftId: first!.shiftId, staffId: second!.staffId },
              { shiftId: second!.shiftId, staffId: first!.staffId },
            ],
            { field: () => 'input.assignmentId' },
          );
          return {
            assignments: created,
            removedAssignmentIds: [first!.id, second!.id],
            details: { assignmentIds: [first!.id, second!.id] },
          };
        },
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  /**
   * Puts the claimant of an open shift on it (basis BANK), inside the caller's transaction (the claim's decision
   * and the rota change are one write). `delegatedBy`: the claim is approved by the open shift's own rule, not by a
   * manager in this request.
   */
  async fillOpenShiftIn(
    em: EntityManager,
    actor: Actor,
    fill: { rotaId: string; shiftId: string; staffId: string; claimId: string },
    options: RotaWriteOptions & { delegatedBy?: string },
  ): Promise<EditOutcome> {
    return this.writer.writeIn(
      em,
      actor,
      fill.rotaId,
      writeOptions(options),
      {
        operation: RotaOperation.DECIDE_OPEN_SHIFT_CLAIM,
        people: [fill.staffId],
        delegatedBy: options.delegatedBy,
        apply: async (ctx) => {
          const { created } = await this.assign(
            ctx,
            [{ shiftId: fill.shiftId, staffId: fill.staffId, openShiftClaimId: fill.claimId }],
            { field: () => 'input.claimId' },
          );
          return {
            assignments: created,
            details: { shiftId: fill.shiftId, staffId: fill.staffId, openShiftClaimId: fill.claimId },
          };
        },
      },
      'input.claimId',
    );
  }

  /**
   * A swap two people agreed, inside the caller's transaction: each takes the other's shift (or, with no
   * `colleagueAssignmentId`, the colleague takes the shift). Both people's rules are judged on the result.
   */
  async swapAgreedIn(
    em: EntityManager,
    actor: Actor,
    swap: {
      rotaId: string;
      assignmentId: string;
      colleagueId: string;
      colleagueAssignmentId: string | null;
      swapId: string;
    },
    options: RotaWriteOptions & { delegatedBy?: string },
  ): Promise<EditOutcome> {
    return this.writer.writeIn(
      em,
      actor,
      swap.rotaId,
      writeOptions(options),
      {
        operation: RotaOperation.DECIDE_SHIFT_SWAP,
        people: [swap.colleagueId],
        delegatedBy: options.delegatedBy,
        apply: async (ctx) => {
          const ids = [
            swap.assignmentId,
            ...(swap.colleagueAssignmentId ? [swap.colleagueAssignmentId] : []),
          ];
          const [mine, theirs] = await this.unassign(ctx, ids, 'input.swapId');
          const pairs = [{ shiftId: mine!.shiftId, staffId: swap.colleagueId }];
          if (theirs) pairs.push({ shiftId: theirs.shiftId, staffId: mine!.staffId });
          const { created } = await this.assign(ctx, pairs, { field: () => 'input.swapId' });
          return {
            assignments: created,
            removedAssignmentIds: ids,
            details: { shiftSwapId: swap.swapId, assignmentIds: ids },
          };
        },
      },
      'input.swapId',
    );
  }

  async bulkAssign(actor: Actor, input: BulkAssignInput): Promise<EditOutcome | RuleViolations> {
    const assign = input.assign ?? [];
    const unassign = input.unassign ?? [];
    if (!assign.length && !unassign.length) {
      throw new BadUserInputError('give assignments to make or to remove', 'input.assign');
    }
    return this.writer.write(
      actor,
      input.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.BULK_ASSIGN,
        people: [...new Set(assign.map((x) => x.staffId))],
        apply: async (ctx) => {
          const removed = await this.unassign(ctx, unassign, 'input.unassign');
          const { created, conflicts } = await this.assign(ctx, assign, {
            field: (n, i) => `input.assign[${i}].${n}`,
            skipConflicts: input.skipRefused ?? false,
          });
          return {
            assignments: created,
            removedAssignmentIds: removed.map((r) => r.id),
            skipped: conflicts,
            details: { assigned: created.length, unassigned: removed.length, conflicts: conflicts.length },
          };
        },
        skipRefused: input.skipRefused ? implicated : undefined,
      },
      { constraints: WRITE_CONSTRAINTS, field: 'input.rotaId' },
    );
  }

  /**
   * A solver's proposal written to the rota, in the caller's transaction (applySolveRun marks the run applied in
   * the same one): its removals, then its assignments, judged like any other change (a published rota needs a
   * reason; new hard breaches are refused unless waived).
   */
  async applyProposal(
    em: EntityManager,
    actor: Actor,
    rotaId: string,
    change: {
      assign: ReadonlyArray<{ shiftId: string; staffId: string }>;
      unassign: readonly string[];
      runId: string;
    },
    options: RotaWriteOptions,
  ): Promise<EditOutcome> {
    return this.writer.writeIn(em, actor, rotaId, writeOptions(options), {
      operation: RotaOperation.APPLY_SOLVE_RUN,
      people: [...new Set(change.assign.map((x) => x.staffId))],
      apply: async (ctx) => {
        const removed = await this.unassign(ctx, change.unassign, 'input.id');
        const { created } = await this.assign(ctx, change.assign, { field: () => 'input.id' });
        return {
          assignments: created,
          removedAssignmentIds: removed.map((r) => r.id),
          details: { solveRunId: change.runId, assigned: created.length, unassigned: removed.length },
          unchanged: created.length === 0 && removed.length === 0,
        };
      },
    });
  }

  // ---- shifts -----------------------------------------------------------------------------------------------

  async addShifts(actor: Actor, input: AddShiftsInput): Promise<EditOutcome | RuleViolations> {
    return this.writer.write(
      actor,
      input.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.ADD_SHIFTS,
        apply: async (ctx) => {
          const field = (i: number) => `input.shifts[${i}]`;
          const types = await this.shifts.typesOf(
            ctx.em,
            ctx.team,
            input.shifts.map((s) => s.shiftTypeId),
            field,
          );
          const rows: NewShift[] = input.shifts.map((item, i) => ({
            type: types.get(item.shiftTypeId)!,
            at: this.shifts.compute(ctx.team, types.get(item.shiftTypeId)!, item, field(i)),
            cover: coverOf(item, field(i)),
            skillMix: item.skillMix ?? [],
            field: field(i),
          }));
          const shifts = await this.shifts.insert(ctx.em, ctx.rota, ctx.team, rows);
          return { shifts, details: { shiftIds: shifts.map((s) => s.id) } };
        },
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  async addShiftsFromPattern(
    actor: Actor,
    input: AddShiftsFromPatternInput,
  ): Promise<EditOutcome | RuleViolations> {
    return this.writer.write(
      actor,
      input.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.ADD_SHIFTS_FROM_PATTERN,
        apply: async (ctx) => {
          const field = (i: number) => `input.lines[${i}]`;
          const types = await this.shifts.typesOf(
            ctx.em,
            ctx.team,
            input.lines.map((l) => l.shiftTypeId),
            field,
          );
          const existing = await ctx.em
            .getRepository(ShiftEntity)
            .createQueryBuilder('s')
            .select(['s.shiftTypeId', 's.localDate'])
            .where('s.rota_id = :rota AND s.cancelled_at IS NULL', { rota: ctx.rota.id })
            .getMany();
          const taken = new Set(existing.map((s) => `${s.shiftTypeId}|${s.localDate}`));
          const weeks = input.weeks?.length ? new Set(input.weeks) : undefined;
          const rows: NewShift[] = [];
          const days = daysBetween(ctx.rota.startDate, ctx.rota.endDate) + 1;
          for (let d = 0; d < days; d++) {
            if (weeks && !weeks.has(Math.floor(d / 7) + 1)) continue;
            const date = addDays(ctx.rota.startDate, d);
            input.lines.forEach((line, i) => {
              if (!line.weekdays.some((w) => WEEKDAY_NUMBER[w] === weekdayOf(date))) return;
              if (taken.has(`${line.shiftTypeId}|${date}`)) return;
              taken.add(`${line.shiftTypeId}|${date}`);
              const type = types.get(line.shiftTypeId)!;
              rows.push({
                type,
                at: this.shifts.compute(ctx.team, type, { ...line, date }, field(i)),
                cover: coverOf(line, field(i)),
                skillMix: line.skillMix ?? [],
                field: field(i),
              });
            });
          }
          if (!rows.length) return { unchanged: true };
          const shifts = await this.shifts.insert(ctx.em, ctx.rota, ctx.team, rows);
          return { shifts, details: { created: shifts.length } };
        },
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  async updateShift(actor: Actor, input: UpdateShiftInput): Promise<EditOutcome | RuleViolations> {
    const found = await this.shiftOrThrow(input.shiftId, 'input.shiftId');
    return this.writer.write(
      actor,
      found.rotaId,
      writeOptions(input),
      {
        operation: RotaOperation.UPDATE_SHIFT,
        apply: async (ctx) => {
          const shift = await ctx.em.getRepository(ShiftEntity).findOneByOrFail({ id: input.shiftId });
          if (shift.cancelledAt) throw new ConflictError('The shift was cancelled', { status: 'CANCELLED' });
          if (input.startTime !== undefined || input.durationMinutes !== undefined) {
            const at = this.shifts.at(
              ctx.team,
              shift.localDate,
              input.startTime ?? shift.startTime.slice(0, 5),
              input.durationMinutes ?? shift.durationMinutes,
              'input.startTime',
            );
            await this.retime(ctx.em, shift, at);
          }
          if (input.unpaidBreakMinutes !== undefined) {
            if (input.unpaidBreakMinutes >= shift.durationMinutes) {
              throw new BadUserInputError('must be shorter than the shift', 'input.unpaidBreakMinutes');
            }
            shift.unpaidBreakMinutes = input.unpaidBreakMinutes;
          }
          const cover = coverOf(
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
          Object.assign(shift, {
            minHeadcount: cover.min,
            targetHeadcount: cover.target,
            maxHeadcount: cover.max,
          });
          if (input.skillMix) {
            const mix = mergeSlots(input.skillMix);
            await this.shifts.requireSkills(
              ctx.em,
              mix.map((k) => k.skillId),
              'input.skillMix',
            );
            await ctx.em.getRepository(ShiftSkillSlotEntity).delete({ shiftId: shift.id });
            if (mix.length) {
              await ctx.em
                .getRepository(ShiftSkillSlotEntity)
                .insert(mix.map((k) => ({ shiftId: shift.id, skillId: k.skillId, count: k.count })));
            }
          }
          const saved = await ctx.em.getRepository(ShiftEntity).save(shift);
          return { shifts: [saved], details: { shiftId: shift.id } };
        },
      },
      {
        constraints: {
          ...WRITE_CONSTRAINTS,
          ex_assignment_staff_overlap: () =>
            new ConflictError('Moving the shift would put someone on it on two overlapping shifts', {
              field: 'input.startTime',
            }),
          fk_shift_skill_slot_skill: () => new BadUserInputError('an unknown skill', 'input.skillMix'),
        },
      },
    );
  }

  async removeShift(actor: Actor, input: RemoveShiftInput): Promise<EditOutcome | RuleViolations> {
    const found = await this.shiftOrThrow(input.shiftId, 'input.shiftId');
    return this.writer.write(actor, found.rotaId, writeOptions(input), {
      operation: RotaOperation.REMOVE_SHIFT,
      apply: async (ctx) => {
        // Read again under the rota's lock: a concurrent removal may have gone first.
        const shift = await ctx.em.getRepository(ShiftEntity).findOneBy({ id: input.shiftId });
        if (!shift) throw new NotFoundError('Shift', input.shiftId, 'input.shiftId');
        if (shift.cancelledAt)
          throw new ConflictError('The shift was already cancelled', { status: 'CANCELLED' });
        const assignments = await ctx.em
          .getRepository(AssignmentEntity)
          .createQueryBuilder('a')
          .where('a.shift_id = :id AND a.cancelled_at IS NULL', { id: shift.id })
          .getMany();
        if (!ctx.published) {
          await ctx.em.getRepository(ShiftEntity).delete({ id: shift.id });
        } else {
          const now = new Date();
          await ctx.em.getRepository(ShiftEntity).update({ id: shift.id }, { cancelledAt: now });
          await ctx.em
            .getRepository(AssignmentEntity)
            .createQueryBuilder()
            .update()
            .set({ cancelledAt: now })
            .where('shift_id = :id AND cancelled_at IS NULL', { id: shift.id })
            .execute();
        }
        return {
          removedShiftIds: [shift.id],
          removedAssignmentIds: assignments.map((a) => a.id),
          details: { shiftId: shift.id },
        };
      },
    });
  }

  // ---- publication ------------------------------------------------------------------------------------------

  async publishRota(actor: Actor, input: PublishRotaInput): Promise<EditOutcome | RuleViolations> {
    return this.writer.write(actor, input.rotaId, writeOptions(input), {
      operation: RotaOperation.PUBLISH_ROTA,
      judge: 'PUBLISH',
      apply: async (ctx) => {
        if (ctx.published)
          throw new ConflictError('The rota is already PUBLISHED', { status: RotaStatus.PUBLISHED });
        ctx.rota.status = RotaStatus.PUBLISHED;
        ctx.rota.publishedAt = new Date();
        ctx.rota.publishedBy = ctx.actor.subject;
        await ctx.em.getRepository(RotaEntity).save(ctx.rota);
        return { details: {} };
      },
    });
  }

  async unpublishRota(actor: Actor, input: UnpublishRotaInput): Promise<EditOutcome | RuleViolations> {
    return this.writer.write(actor, input.rotaId, writeOptions(input), {
      operation: RotaOperation.UNPUBLISH_ROTA,
      apply: async (ctx) => {
        if (!ctx.published) throw new ConflictError('The rota is a DRAFT', { status: RotaStatus.DRAFT });
        ctx.rota.status = RotaStatus.DRAFT;
        ctx.rota.publishedAt = null;
        ctx.rota.publishedBy = null;
        await ctx.em.getRepository(RotaEntity).save(ctx.rota);
        return { details: {} };
      },
    });
  }

  /** A draft rota goes, with its shifts and assignments; a published one must be unpublished first. */
  async deleteRota(actor: Actor, input: DeleteRotaInput): Promise<{ id: string }> {
    return this.tx.run(async (em) => {
      const rota = await em
        .getRepository(RotaEntity)
        .findOne({ where: { id: input.rotaId }, lock: { mode: 'pessimistic_write' } });
      if (!rota) throw new NotFoundError('Rota', input.rotaId, 'input.rotaId');
      const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
      Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
      if (input.expectedVersion != null && input.expectedVersion !== rota.version) {
        throw new ConflictError(
          `The rota has changed since version ${input.expectedVersion} (it is now version ${rota.version})`,
          { currentVersion: rota.version, field: 'input.expectedVersion' },
        );
      }
      if (rota.status === RotaStatus.PUBLISHED) {
        throw new ConflictError('The rota is PUBLISHED: unpublish it (with a reason) before deleting it', {
          status: RotaStatus.PUBLISHED,
          field: 'input.rotaId',
        });
      }
      await em.getRepository(RotaEntity).delete({ id: rota.id });
      return { id: rota.id };
    });
  }

  // ---- building fast: copy, templates, shift types ------------------------------------------------------------

  /** A new draft rota from an existing one onto new dates (same weekdays): shifts, and optionally who works them. */
  async copyRota(actor: Actor, input: CopyRotaInput): Promise<EditOutcome | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const source = await em.getRepository(RotaEntity).findOneBy({ id: input.rotaId });
        if (!source) throw new NotFoundError('Rota', input.rotaId, 'input.rotaId');
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: source.teamId });
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        const offset = daysBetween(source.startDate, input.startDate);
        if (offset % 7 !== 0) {
          throw new BadUserInputError(
            `must fall on the same weekday as the rota’s first day (${source.startDate})`,
            'input.startDate',
          );
        }
        const shifts = await em
          .getRepository(ShiftEntity)
          .createQueryBuilder('s')
          .where('s.rota_id = :rota AND s.cancelled_at IS NULL', { rota: source.id })
          .orderBy('s.starts_at')
          .getMany();
        const slots = await this.slotsOf(
          em,
          shifts.map((s) => s.id),
        );
        const people = input.includeAssignments
          ? await this.peopleOn(
              em,
              shifts.map((s) => s.id),
            )
          : new Map();
        const rota = await this.newRota(
          em,
          team,
          addDays(source.startDate, offset),
          addDays(source.endDate, offset),
          input.name ?? source.name,
        );
        const types = new Map(
          (await em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id })).map((t) => [t.id, t]),
        );
        const lines = shifts.map((s) => ({
          type: types.get(s.shiftTypeId)!,
          date: addDays(s.localDate, offset),
          startTime: s.startTime.slice(0, 5),
          durationMinutes: s.durationMinutes,
          cover: { min: s.minHeadcount, target: s.targetHeadcount, max: s.maxHeadcount },
          skillMix: slots.get(s.id) ?? [],
          staffIds: people.get(s.id) ?? [],
        }));
        return this.fill(em, actor, rota, team, lines, input, RotaOperation.COPY_ROTA);
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  /** A template from a rota's first weeks (a rota starting on a Monday), or from lines. */
  async createRotaTemplate(actor: Actor, input: CreateRotaTemplateInput): Promise<RotaTemplateEntity> {
    return this.tx.run(
      async (em) => {
        let team: TeamEntity;
        let weeks: number;
        let lines: Array<{
          week: number;
          weekday: number;
          shiftTypeId: string;
          cover: { min: number; target: number; max: number | null };
          skillMix: Array<{ skillId: string; count: number }>;
          staffIds: string[];
        }>;
        if (input.fromRotaId) {
          const rota = await em.getRepository(RotaEntity).findOneBy({ id: input.fromRotaId });
          if (!rota) throw new NotFoundError('Rota', input.fromRotaId, 'input.fromRotaId');
          team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
          Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
          if (weekdayOf(rota.startDate) !== 1) {
            throw new BadUserInputError(
              `starts on a ${WEEKDAY_OF[weekdayOf(rota.startDate)]}: a template is weeks from a Monday`,
              'input.fromRotaId',
            );
          }
          const whole = Math.floor((daysBetween(rota.startDate, rota.endDate) + 1) / 7);
          weeks = input.weeks ?? Math.max(1, whole);
          if (weeks > Math.max(1, whole)) {
            throw new BadUserInputError(`the rota has ${whole} whole week(s)`, 'input.weeks');
          }
          const shifts = (
            await em
              .getRepository(ShiftEntity)
              .createQueryBuilder('s')
              .where('s.rota_id = :rota AND s.cancelled_at IS NULL', { rota: rota.id })
              .getMany()
          ).filter((s) => daysBetween(rota.startDate, s.localDate) < weeks * 7);
          const slots = await this.slotsOf(
            em,
            shifts.map((s) => s.id),
          );
          const people =
            input.includeAssignments === false
              ? new Map()
              : await this.peopleOn(
                  em,
                  shifts.map((s) => s.id),
                );
          lines = shifts.map((s) => ({
            week: Math.floor(daysBetween(rota.startDate, s.localDate) / 7) + 1,
            weekday: weekdayOf(s.localDate),
            shiftTypeId: s.shiftTypeId,
            cover: { min: s.minHeadcount, target: s.targetHeadcount, max: s.maxHeadcount },
            skillMix: slots.get(s.id) ?? [],
            staffIds: people.get(s.id) ?? [],
          }));
        } else {
          if (!input.teamId)
            throw new BadUserInputError('give fromRotaId, or teamId with shifts', 'input.teamId');
          const found = await em.getRepository(TeamEntity).findOneBy({ id: input.teamId });
          if (!found) throw new NotFoundError('Team', input.teamId, 'input.teamId');
          team = found;
          Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
          const given = input.shifts ?? [];
          if (!given.length) throw new BadUserInputError('give at least one shift', 'input.shifts');
          await this.shifts.typesOf(
            em,
            team,
            given.map((s) => s.shiftTypeId),
            (i) => `input.shifts[${i}]`,
          );
          weeks = input.weeks ?? Math.max(...given.map((s) => s.week));
          lines = given.map((s, i) => {
            if (s.week > weeks)
              throw new BadUserInputError(
                `is after the template’s ${weeks} week(s)`,
                `input.shifts[${i}].week`,
              );
            return {
              week: s.week,
              weekday: WEEKDAY_NUMBER[s.weekday],
              shiftTypeId: s.shiftTypeId,
              cover: coverOf(s, `input.shifts[${i}]`),
              skillMix: s.skillMix ?? [],
              staffIds: [...new Set(s.staffIds ?? [])],
            };
          });
        }
        const template = await em.getRepository(RotaTemplateEntity).save(
          em.getRepository(RotaTemplateEntity).create({
            teamId: team.id,
            name: input.name.trim(),
            weeks,
            createdBy: actor.subject,
          }),
        );
        const saved = await em.getRepository(RotaTemplateShiftEntity).save(
          lines.map((l) =>
            em.getRepository(RotaTemplateShiftEntity).create({
              templateId: template.id,
              week: l.week,
              weekday: l.weekday,
              shiftTypeId: l.shiftTypeId,
              minHeadcount: l.cover.min,
              targetHeadcount: l.cover.target,
              maxHeadcount: l.cover.max,
            }),
          ),
          { chunk: 500 },
        );
        const slots = saved.flatMap((s, i) =>
          mergeSlots(lines[i]!.skillMix).map((k) => ({
            templateShiftId: s.id,
            skillId: k.skillId,
            count: k.count,
          })),
        );
        if (slots.length) await em.getRepository(RotaTemplateSlotEntity).insert(slots);
        const staff = saved.flatMap((s, i) =>
          lines[i]!.staffIds.map((staffId) => ({ templateShiftId: s.id, staffId })),
        );
        for (let i = 0; i < staff.length; i += 1000) {
          await em.getRepository(RotaTemplateAssignmentEntity).insert(staff.slice(i, i + 1000));
        }
        return template;
      },
      {
        constraints: {
          uq_rota_template_team_name: () =>
            new ConflictError('The team already has a template with that name', { field: 'input.name' }),
          uq_rota_template_shift: () =>
            new BadUserInputError('two lines for one shift type on the same day', 'input.shifts'),
          fk_rota_template_assignment_staff: () =>
            new BadUserInputError('an unknown staff member', 'input.shifts'),
          fk_rota_template_slot_skill: () => new BadUserInputError('an unknown skill', 'input.shifts'),
        },
      },
    );
  }

  /** A new draft rota from a template, its weeks repeated from a Monday: shifts and (optionally) who works them. */
  async createRotaFromTemplate(
    actor: Actor,
    input: CreateRotaFromTemplateInput,
  ): Promise<EditOutcome | RuleViolations> {
    if (weekdayOf(input.startDate) !== 1) {
      throw new BadUserInputError(
        'must be a Monday (week 1 of the template starts there)',
        'input.startDate',
      );
    }
    return this.writer.transaction(
      async (em) => {
        const template = await em.getRepository(RotaTemplateEntity).findOneBy({ id: input.templateId });
        if (!template) throw new NotFoundError('Rota template', input.templateId, 'input.templateId');
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: template.teamId });
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        const pattern = await this.templateShifts(em, template.id);
        const types = new Map(
          (await em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id })).map((t) => [t.id, t]),
        );
        const rota = await this.newRota(
          em,
          team,
          input.startDate,
          addDays(input.startDate, input.weeks * 7 - 1),
          input.name ?? template.name,
        );
        const lines = [];
        for (let w = 1; w <= input.weeks; w++) {
          const week = ((w - 1) % template.weeks) + 1;
          for (const p of pattern.filter((x) => x.week === week)) {
            lines.push({
              type: types.get(p.shiftTypeId)!,
              date: addDays(input.startDate, (w - 1) * 7 + WEEKDAY_NUMBER[p.weekday] - 1),
              startTime: types.get(p.shiftTypeId)!.startTime.slice(0, 5),
              durationMinutes: types.get(p.shiftTypeId)!.durationMinutes,
              cover: { min: p.minHeadcount, target: p.targetHeadcount, max: p.maxHeadcount },
              skillMix: p.skillMix,
              staffIds: input.includeAssignments === false ? [] : p.staffIds,
            });
          }
        }
        return this.fill(em, actor, rota, team, lines, input, RotaOperation.CREATE_ROTA_FROM_TEMPLATE);
      },
      { constraints: WRITE_CONSTRAINTS },
    );
  }

  /** A template's shifts, with skill mix and who works them. */
  async templateShifts(
    em: EntityManager,
    templateId: string,
  ): Promise<Array<RotaTemplateShift & { skillMix: Array<{ skillId: string; count: number }> }>> {
    const shifts = await em
      .getRepository(RotaTemplateShiftEntity)
      .find({ where: { templateId }, order: { week: 'ASC', weekday: 'ASC' } });
    const ids = shifts.map((s) => s.id);
    const slots = ids.length
      ? await em
          .getRepository(RotaTemplateSlotEntity)
          .createQueryBuilder('s')
          .where('s.template_shift_id = ANY(:ids)', { ids })
          .getMany()
      : [];
    const staff = ids.length
      ? await em
          .getRepository(RotaTemplateAssignmentEntity)
          .createQueryBuilder('a')
          .where('a.template_shift_id = ANY(:ids)', { ids })
          .getMany()
      : [];
    return shifts.map((s) => ({
      week: s.week,
      weekday: WEEKDAY_OF[s.weekday]!,
      shiftTypeId: s.shiftTypeId,
      minHeadcount: s.minHeadcount,
      targetHeadcount: s.targetHeadcount,
      maxHeadcount: s.maxHeadcount,
      skillMix: slots
        .filter((x) => x.templateShiftId === s.id)
        .map((x) => ({ skillId: x.skillId, count: x.count })),
      staffIds: staff.filter((x) => x.templateShiftId === s.id).map((x) => x.staffId),
    }));
  }

  /**
   * Changes a shift type; its shifts on draft rotas on or after `effectiveFrom` follow its new times, each rota
   * through the write path (all or nothing). Published rotas keep theirs: a manager changes those with reasons.
   */
  async updateShiftType(
    actor: Actor,
    input: UpdateShiftTypeInput,
  ): Promise<{ shiftType: ShiftTypeEntity; shiftsUpdated: number; rotas: RotaEntity[] } | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const type = await em
          .getRepository(ShiftTypeEntity)
          .findOne({ where: { id: input.shiftTypeId }, lock: { mode: 'pessimistic_write' } });
        if (!type) throw new NotFoundError('Shift type', input.shiftTypeId, 'input.shiftTypeId');
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: type.teamId });
        Access.assert(Access.managesRotas(actor, team), `shift types of ${team.name}`);
        if (input.name !== undefined) type.name = input.name.trim();
        if (input.startTime !== undefined) type.startTime = input.startTime;
        if (input.durationMinutes !== undefined) type.durationMinutes = input.durationMinutes;
        if (input.unpaidBreakMinutes !== undefined) type.unpaidBreakMinutes = input.unpaidBreakMinutes;
        if (input.onCall !== undefined) type.onCall = input.onCall;
        if (input.sleepIn !== undefined) type.sleepIn = input.sleepIn;
        if (input.active !== undefined) type.active = input.active;
        if (type.unpaidBreakMinutes >= type.durationMinutes) {
          throw new BadUserInputError('must be shorter than the shift', 'input.unpaidBreakMinutes');
        }
        if (input.cannotBeFollowedBy !== undefined) {
          const all = await em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id });
          type.cannotBeFollowedByIds = input.cannotBeFollowedBy.map((code) => {
            const t = all.find((x) => x.code === code);
            if (!t)
              throw new BadUserInputError(`the team has no shift type ${code}`, 'input.cannotBeFollowedBy');
            return t.id;
          });
        }
        const saved = await em.getRepository(ShiftTypeEntity).save(type);
        const affected = await em
          .getRepository(ShiftEntity)
          .createQueryBuilder('s')
          .innerJoin(RotaEntity, 'r', 'r.id = s.rota_id')
          .where('s.shift_type_id = :type AND s.local_date >= :from AND s.cancelled_at IS NULL', {
            type: type.id,
            from: input.effectiveFrom,
          })
          .andWhere('r.status = :draft', { draft: RotaStatus.DRAFT })
          .getMany();
        const rotas: RotaEntity[] = [];
        for (const rotaId of [...new Set(affected.map((s) => s.rotaId))]) {
          const outcome = await this.writer.writeIn(
            em,
            actor,
            rotaId,
            {},
            {
              operation: RotaOperation.UPDATE_SHIFT_TYPE,
              apply: async (ctx) => {
                const mine = affected.filter((s) => s.rotaId === rotaId);
                for (const shift of mine) {
                  const at = this.shifts.at(
                    ctx.team,
                    shift.localDate,
                    type.startTime.slice(0, 5),
                    type.durationMinutes,
                    'input.startTime',
                  );
                  shift.unpaidBreakMinutes = type.unpaidBreakMinutes;
                  await this.retime(ctx.em, shift, at);
                  await ctx.em.getRepository(ShiftEntity).save(shift);
                }
                return { shifts: mine, details: { shiftTypeId: type.id } };
              },
            },
          );
          rotas.push(outcome.rota);
        }
        return { shiftType: saved, shiftsUpdated: affected.length, rotas };
      },
      {
        constraints: {
          ...WRITE_CONSTRAINTS,
          ex_assignment_staff_overlap: () =>
            new ConflictError('The new times would put someone on two overlapping shifts', {
              field: 'input.startTime',
            }),
        },
      },
    );
  }

  // ---- the pieces every plan uses ---------------------------------------------------------------------------

  /** Puts people on shifts of the locked rota (cap, duplicates and overlaps refused with CONFLICT). */
  private async assign(
    ctx: EditContext,
    pairs: ReadonlyArray<{
      shiftId: string;
      staffId: string;
      /** An open-shift claim this fills: the assignment's basis is BANK. */
      openShiftClaimId?: string;
    }>,
    options: { field: (name: 'shiftId' | 'staffId', i: number) => string; skipConflicts?: boolean },
  ): Promise<{ created: AssignmentEntity[]; conflicts: SkippedByConflict[] }> {
    if (!pairs.length) return { created: [], conflicts: [] };
    const { em, rota, team, facts } = ctx;
    const shiftIds = [...new Set(pairs.map((p) => p.shiftId))];
    const staffIds = [...new Set(pairs.map((p) => p.staffId))];
    const shifts = new Map(
      (
        await em
          .getRepository(ShiftEntity)
          .createQueryBuilder('s')
          .where('s.id = ANY(:ids)', { ids: shiftIds })
          .getMany()
      ).map((s) => [s.id, s]),
    );
    const staff = new Map(
      (
        await em
          .getRepository(StaffMemberEntity)
          .createQueryBuilder('m')
          .setLock('pessimistic_write')
          .where('m.id = ANY(:ids)', { ids: staffIds })
          .getMany()
      ).map((m) => [m.id, m]),
    );
    const current = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where('a.shift_id = ANY(:ids) AND a.cancelled_at IS NULL', { ids: shiftIds })
      .getMany();
    const on = new Map<string, Set<string>>(shiftIds.map((id) => [id, new Set()]));
    for (const a of current) on.get(a.shiftId)!.add(a.staffId);
    const busy = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.shift', 's')
      .where('a.staff_id = ANY(:staff) AND a.cancelled_at IS NULL', { staff: staffIds })
      .andWhere('a.starts_at < :end AND a.ends_at > :start', {
        start: new Date(Math.min(...[...shifts.values()].map((s) => s.startsAt.getTime()))),
        end: new Date(Math.max(...[...shifts.values()].map((s) => s.endsAt.getTime()))),
      })
      .getMany();

    const rows: Array<Partial<AssignmentEntity>> = [];
    const conflicts: SkippedByConflict[] = [];
    pairs.forEach((p, i) => {
      const shift = shifts.get(p.shiftId);
      if (!shift || shift.rotaId !== rota.id) {
        throw new NotFoundError('Shift', p.shiftId, options.field('shiftId', i));
      }
      if (shift.cancelledAt)
        throw new ConflictError('The shift was cancelled', {
          status: 'CANCELLED',
          field: options.field('shiftId', i),
        });
      const person = staff.get(p.staffId);
      if (!person) throw new NotFoundError('Staff member', p.staffId, options.field('staffId', i));
      if (!person.active) {
        throw new ConflictError(`${person.givenName} ${person.familyName} is no longer active`, {
          field: options.field('staffId', i),
        });
      }
      const people = on.get(shift.id)!;
      const clash =
        busy.find((a) => a.staffId === p.staffId && a.startsAt < shift.endsAt && a.endsAt > shift.startsAt) ??
        rows.find((r) => r.staffId === p.staffId && r.startsAt! < shift.endsAt && r.endsAt! > shift.startsAt);
      const refuse = (message: string, details: Record<string, unknown>) => {
        if (options.skipConflicts) {
          conflicts.push({ shiftId: p.shiftId, staffId: p.staffId, reason: message, violations: [] });
          return;
        }
        throw new ConflictError(message, {
          field: options.field('staffId', i),
          staffId: p.staffId,
          ...details,
        });
      };
      if (people.has(p.staffId))
        return refuse(`${person.givenName} ${person.familyName} is already on this shift`, {});
      if (clash) {
        const other = 'shift' in clash && clash.shift ? clash.shift : undefined;
        return refuse(
          `${person.givenName} ${person.familyName} is already working an overlapping shift${
            other
              ? ` (${other.localDate} ${other.startTime.slice(0, 5)}, shift ${other.id})`
              : ' in this change'
          }`,
          other ? { otherShiftId: other.id, otherTeamId: other.teamId } : {},
        );
      }
      if (shift.maxHeadcount !== null && people.size >= shift.maxHeadcount) {
        return refuse(`The shift is full (${shift.maxHeadcount} people at most)`, { shiftId: shift.id });
      }
      const basis = p.openShiftClaimId
        ? 'BANK'
        : authorisationBasis(
            person,
            team,
            shift.localDate,
            facts.placements,
            facts.appointments,
            facts.bankShifts,
            shift.id,
          );
      people.add(p.staffId);
      rows.push({
        shiftId: shift.id,
        staffId: person.id,
        // No basis: NOT_AUTHORISED_AT_TEAM (which no override waives) refuses it in the check.
        basis: basis ? AssignmentBasis[basis] : AssignmentBasis.EMPLOYMENT,
        openShiftClaimId: p.openShiftClaimId ?? null,
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
        createdBy: ctx.actor.subject,
        cancelledAt: null,
      });
    });
    const repo = em.getRepository(AssignmentEntity);
    const created: AssignmentEntity[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      created.push(...(await repo.save(rows.slice(i, i + 500).map((r) => repo.create(r)))));
    }
    return { created, conflicts };
  }

  /** Takes assignments of the locked rota off (deleted on a draft, cancelled once published). */
  private async unassign(
    ctx: EditContext,
    ids: readonly string[],
    field: string,
  ): Promise<AssignmentEntity[]> {
    if (!ids.length) return [];
    const found = await ctx.em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.shift', 's')
      .where('a.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
    const byId = new Map(found.map((a) => [a.id, a]));
    const list = ids.map((id) => {
      const a = byId.get(id);
      if (!a || a.shift!.rotaId !== ctx.rota.id) throw new NotFoundError('Assignment', id, field);
      if (a.cancelledAt)
        throw new ConflictError('The assignment was already removed', { status: 'CANCELLED', field });
      return a;
    });
    if (!ctx.published) await ctx.em.getRepository(AssignmentEntity).delete(list.map((a) => a.id));
    else
      await ctx.em.getRepository(AssignmentEntity).update(
        list.map((a) => a.id),
        { cancelledAt: new Date() },
      );
    return list;
  }

  /** New times for a shift and the assignments on it (the database refuses an overlap). */
  private async retime(
    em: EntityManager,
    shift: ShiftEntity,
    at: { startTime: string; durationMinutes: number; startsAt: Date; endsAt: Date },
  ): Promise<void> {
    Object.assign(shift, {
      startTime: at.startTime,
      durationMinutes: at.durationMinutes,
      startsAt: at.startsAt,
      endsAt: at.endsAt,
    });
    shift.unpaidBreakMinutes = Math.min(shift.unpaidBreakMinutes, at.durationMinutes - 1);
    await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder()
      .update()
      .set({ startsAt: at.startsAt, endsAt: at.endsAt })
      .where('shift_id = :id AND cancelled_at IS NULL', { id: shift.id })
      .execute();
  }

  /** A new draft rota for the team (inside the caller's transaction). */
  private async newRota(
    em: EntityManager,
    team: TeamEntity,
    startDate: string,
    endDate: string,
    name: string | null,
  ): Promise<RotaEntity> {
    if (daysBetween(startDate, endDate) >= MAX_ROTA_DAYS) {
      throw new BadUserInputError('a rota covers at most 26 weeks', 'input.weeks');
    }
    await refuseOverlappingRota(em, team.id, startDate, endDate, 'input.startDate');
    const repo = em.getRepository(RotaEntity);
    return repo.save(
      repo.create({
        teamId: team.id,
        name,
        startDate,
        endDate,
        status: RotaStatus.DRAFT,
        version: 1,
        publishedAt: null,
        publishedBy: null,
      }),
    );
  }

  /**
   * Fills a new rota with shifts (and who works them) through the write path, in the caller's transaction:
   * copy and template. People the rules refuse are left out and reported (`skipRefused`, the default).
   */
  private async fill(
    em: EntityManager,
    actor: Actor,
    rota: RotaEntity,
    team: TeamEntity,
    lines: Array<{
      type: ShiftTypeEntity;
      date: string;
      startTime: string;
      durationMinutes: number;
      cover: { min: number; target: number; max: number | null };
      skillMix: Array<{ skillId: string; count: number }>;
      staffIds: string[];
    }>,
    input: RotaWriteOptions & { skipRefused?: boolean },
    operation: RotaOperation,
  ): Promise<EditOutcome> {
    const skip = input.skipRefused ?? true;
    return this.writer.writeIn(em, actor, rota.id, writeOptions(input), {
      operation,
      people: [...new Set(lines.flatMap((l) => l.staffIds))],
      apply: async (ctx) => {
        const rows: NewShift[] = lines.map((l, i) => ({
          type: l.type,
          at: this.shifts.at(team, l.date, l.startTime, l.durationMinutes, `input.shifts[${i}]`),
          cover: l.cover,
          skillMix: l.skillMix,
          field: 'input.startDate',
        }));
        const shifts = await this.shifts.insert(em, rota, team, rows);
        const pairs = shifts.flatMap((s, i) =>
          lines[i]!.staffIds.map((staffId) => ({ shiftId: s.id, staffId })),
        );
        const { created, conflicts } = await this.assign(ctx, pairs, {
          field: () => 'input.templateId',
          skipConflicts: skip,
        });
        return {
          shifts,
          assignments: created,
          skipped: conflicts,
          details: { shifts: shifts.length, assignments: created.length },
        };
      },
      skipRefused: skip ? implicated : undefined,
    });
  }

  private async slotsOf(
    em: EntityManager,
    shiftIds: string[],
  ): Promise<Map<string, Array<{ skillId: string; count: number }>>> {
    const out = new Map<string, Array<{ skillId: string; count: number }>>();
    if (!shiftIds.length) return out;
    const rows = await em
      .getRepository(ShiftSkillSlotEntity)
      .createQueryBuilder('s')
      .where('s.shift_id = ANY(:ids)', { ids: shiftIds })
      .getMany();
    for (const r of rows)
      out.set(r.shiftId, [...(out.get(r.shiftId) ?? []), { skillId: r.skillId, count: r.count }]);
    return out;
  }

  private async peopleOn(em: EntityManager, shiftIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!shiftIds.length) return out;
    const rows = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where('a.shift_id = ANY(:ids) AND a.cancelled_at IS NULL', { ids: shiftIds })
      .getMany();
    for (const r of rows) out.set(r.shiftId, [...(out.get(r.shiftId) ?? []), r.staffId]);
    return out;
  }

  private async shiftOrThrow(id: string, field: string): Promise<ShiftEntity> {
    const shift = await this.dataSource.getRepository(ShiftEntity).findOneBy({ id });
    if (!shift) throw new NotFoundError('Shift', id, field);
    return shift;
  }

  private async assignmentOrThrow(id: string, field: string): Promise<AssignmentEntity & { rotaId: string }> {
    const a = await this.dataSource
      .getRepository(AssignmentEntity)
      .findOne({ where: { id }, relations: { shift: true } });
    if (!a) throw new NotFoundError('Assignment', id, field);
    return Object.assign(a, { rotaId: a.shift!.rotaId });
  }
}

/** An assignment a bulk change left out before the rules were asked (already on it, overlapping, full). */
interface SkippedByConflict {
  shiftId: string;
  staffId: string;
  reason: string;
  violations: never[];
}

/** The change's own new assignments a refusal names (the person on one of the violation's shifts). */
function implicated(
  refused: ReadonlyArray<{ staffId: string | null; shiftIds: string[] }>,
  applied: { assignments?: AssignmentEntity[] },
): AssignmentEntity[] {
  return (applied.assignments ?? []).filter((a) =>
    refused.some((v) => v.staffId === a.staffId && v.shiftIds.includes(a.shiftId)),
  );
}
