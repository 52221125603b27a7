import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner, type TransactionOptions } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { CATALOGUE, type RulePhase } from '../../rota-core/index.js';
import type { RotaFacts, Violation as CoreViolation } from '../../rota-core/model.js';
import { toViolation } from '../checks/checks.mapper.js';
import { ChecksService, requireKnownRuleCodes } from '../checks/checks.service.js';
import type { RuleViolations, Violation } from '../checks/checks.types.js';
import { notifyRotaWritten } from '../notifications/rota-notifications.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import { RotaChangeEntity } from './rota-change.entity.js';
import { RotaEntity } from './rota.entity.js';
import { RotaOperation, RotaStatus } from './rota.enums.js';
import { RuleOverrideEntity } from './rule-override.entity.js';
import type { ShiftEntity } from './shift.entity.js';

/** Rules no override can waive: the database itself forbids the first; the second leaves no basis to work on. */
export const NON_OVERRIDABLE = new Set(['DOUBLE_BOOKED', 'NOT_AUTHORISED_AT_TEAM']);

const PHASE = new Map<string, RulePhase>(CATALOGUE.map((r) => [r.code, r.judges]));

/** What every write to a rota carries (the GraphQL inputs extend RotaWriteInput with these fields). */
export interface RotaWriteOptions {
  /** The version the caller last saw; a stale one is refused (CONFLICT). */
  expectedVersion?: number | null;
  /** Why: required once the rota is published (kept in its change log). */
  reason?: string | null;
  /** Hard rules knowingly waived for this change, with a reason (recorded; needed once). */
  override?: { ruleCodes: string[]; reason: string } | null;
}

/** The rota being changed, locked for this transaction. */
export interface EditContext {
  em: EntityManager;
  actor: Actor;
  rota: RotaEntity;
  team: TeamEntity;
  /** Whether the rota was published when the write began. */
  published: boolean;
  /** The rota's facts before the change (with the plan's people): placements, appointments, staff… */
  facts: RotaFacts;
}

/** What a change wrote (the write path adds the check, the overrides and the record). */
export interface EditApplied {
  assignments?: AssignmentEntity[];
  shifts?: ShiftEntity[];
  removedAssignmentIds?: string[];
  removedShiftIds?: string[];
  /** Kept with the change on a published rota. */
  details?: Record<string, unknown>;
  /** People the change brought in that the check must also load (new assignees). */
  people?: readonly string[];
  /** Assignments a bulk change left out before the check (already on the shift, overlapping, full). */
  skipped?: EditOutcome['skipped'];
  /** Nothing was written (an idempotent change with nothing to do): no new version, nothing recorded. */
  unchanged?: boolean;
}

export interface EditPlan {
  /** `rota.version` becomes this operation's, in the change log. */
  operation: RotaOperation;
  /** People besides the rota's own whose facts the check needs before and after (new assignees). */
  people?: readonly string[];
  /**
   * `EDIT` (default): new breaches of the rules that judge edits (all rules once published) are refused unless
   * waived. `PUBLISH`: every hard breach of every rule must be waived (now or before) — the rota is complete.
   */
  judge?: 'EDIT' | 'PUBLISH';
  /**
   * Set when the caller does not manage the team but a manager's earlier decision lets this change through (an
   * open shift the manager offered with its own staff's claims approved by rule), or the change is a trial that is
   * always rolled back (a claim or a swap judged before anyone agrees to it): which. The service building the plan
   * has checked the caller's right; everything else (version, reason, rules) is judged as usual.
   */
  delegatedBy?: string;
  /** Does the writing. */
  apply(ctx: EditContext): Promise<EditApplied>;
  /**
   * After a refusal, which of the change's own new assignments to leave out and try again (bulk writes that skip
   * what the rules refuse); undefined: refuse the whole change.
   */
  skipRefused?: (refused: CoreViolation[], applied: EditApplied) => AssignmentEntity[] | undefined;
}

/** A change written: the rota at its new version and what changed, with what the rules say of it now. */
export interface EditOutcome {
  rota: RotaEntity;
  assignments: AssignmentEntity[];
  shifts: ShiftEntity[];
  removedAssignmentIds: string[];
  removedShiftIds: string[];
  /** Breaches the change brought that did not stop it: soft ones, those of a draft's publication rules, waived ones. */
  warnings: Violation[];
  /** Breaches the change ended. */
  resolved: Violation[];
  /** Assignments a bulk write left out because the rules or the rota refused them (with why). */
  skipped: Array<{ shiftId: string; staffId: string; reason: string; violations: Violation[] }>;
}

/** A refused write, carried out of the transaction (which it rolls back) to become the mutation's answer. */
class Refused extends Error {
  constructor(readonly answer: RuleViolations) {
    super('refused by the rules');
  }
}

const key = (v: CoreViolation): string =>
  `${v.ruleCode}|${v.staffId ?? ''}|${[...v.shiftIds].sort().join(',')}|${v.windowStart}|${v.windowEnd}`;

/** Breaches in `after` that were not in `before` (or are now worse). */
export function newBreaches(
  before: readonly CoreViolation[],
  after: readonly CoreViolation[],
): CoreViolation[] {
  const was = new Map(before.map((v) => [key(v), v]));
  return after.filter((v) => {
    const old = was.get(key(v));
    return !old || v.penalty > old.penalty;
  });
}

/** Breaches in `before` that `after` no longer has. */
export function endedBreaches(
  before: readonly CoreViolation[],
  after: readonly CoreViolation[],
): CoreViolation[] {
  const now = new Set(after.map(key));
  return before.filter((v) => !now.has(key(v)));
}

/** Does a stored override already waive this breach (same rule, same person, a shift in common)? */
function waivedBefore(v: CoreViolation, overrides: RuleOverrideEntity[]): boolean {
  return overrides.some(
    (o) =>
      o.ruleCode === v.ruleCode &&
      (o.staffId ?? null) === (v.staffId ?? null) &&
      (o.shiftIds.length === 0 ? v.shiftIds.length === 0 : o.shiftIds.some((id) => v.shiftIds.includes(id))),
  );
}

export function ruleViolations(violations: CoreViolation[], unwaived: CoreViolation[]): RuleViolations {
  const codes = [...new Set(unwaived.map((v) => v.ruleCode))];
  const fixed = codes.filter((c) => NON_OVERRIDABLE.has(c));
  return {
    violations: violations.map(toViolation),
    hardCount: unwaived.length,
    message: fixed.length
      ? `Refused: ${fixed.join(', ')} cannot be overridden`
      : `Refused: ${unwaived.length} hard rule breach(es) (${codes.join(', ')}). To go ahead, override ${codes.join(', ')} with a reason.`,
  };
}

/**
 * The one write path for rotas. Every change — assign, unassign, move, swap, shift edits, publish, unpublish,
 * bulk, a template, a solver's proposal — goes through `write`: lock the rota, check who and which version, load
 * the snapshot and check it, apply the change, check again, refuse new hard breaches not waived (a waiver is
 * recorded once and stands), then bump the version, keep the change with its reason once published, and store
 * the rota's compliance as it now stands. One transaction: a refusal writes nothing.
 */
@Injectable()
export class RotaWriter {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly checks: ChecksService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Runs `plan` against the rota in its own transaction; a refusal comes back as RuleViolations. */
  async write(
    actor: Actor,
    rotaId: string,
    options: RotaWriteOptions,
    plan: EditPlan,
    tx: TransactionOptions & { field?: string } = {},
  ): Promise<EditOutcome | RuleViolations> {
    requireKnownRuleCodes(options.override?.ruleCodes, 'input.override.ruleCodes');
    try {
      return await this.tx.run((em) => this.writeIn(em, actor, rotaId, options, plan, tx.field), tx);
    } catch (error) {
      if (error instanceof Refused) return error.answer;
      throw error;
    }
  }

  /**
   * A transaction for work that writes through `writeIn` (a rota made in it, several rotas): a refusal of any of
   * them rolls all of it back and comes back as RuleViolations.
   */
  async transaction<T>(
    work: (em: EntityManager) => Promise<T>,
    tx: TransactionOptions = {},
  ): Promise<T | RuleViolations> {
    try {
      return await this.tx.run(work, tx);
    } catch (error) {
      if (error instanceof Refused) return error.answer;
      throw error;
    }
  }

  /** The same inside a transaction the caller already has (several rotas, or a rota made in it). */
  async writeIn(
    em: EntityManager,
    actor: Actor,
    rotaId: string,
    options: RotaWriteOptions,
    plan: EditPlan,
    field = 'input.rotaId',
  ): Promise<EditOutcome> {
    const { rota, team } = await this.lock(em, actor, rotaId, options, plan, field);
    const published = rota.status === RotaStatus.PUBLISHED;
    const people = new Set(plan.people ?? []);
    const snapshot = await this.checks.checker(em, rota.id, [...people]);
    const before = snapshot.checker.check().violations;
    const ctx: EditContext = { em, actor, rota, team, published, facts: snapshot.facts };
    const overrides = await em.getRepository(RuleOverrideEntity).findBy({ rotaId: rota.id });

    let applied = await plan.apply(ctx);
    const skipped: EditOutcome['skipped'] = [...(applied.skipped ?? [])];
    if (applied.unchanged) {
      return {
        rota,
        assignments: [],
        shifts: [],
        removedAssignmentIds: [],
        removedShiftIds: [],
        warnings: [],
        resolved: [],
        skipped,
      };
    }
    for (let round = 0; ; round++) {
      for (const id of applied.people ?? []) people.add(id);
      const after = (await this.checks.checker(em, rota.id, [...people])).checker.check().violations;
      const judgeAll = plan.judge === 'PUBLISH';
      const candidates = judgeAll ? after : newBreaches(before, after);
      const judged = (v: CoreViolation) =>
        v.severity === 'HARD' &&
        (judgeAll || rota.status === RotaStatus.PUBLISHED || published || PHASE.get(v.ruleCode) === 'EDIT');
      const breaches = candidates.filter((v) => judged(v) && !waivedBefore(v, overrides));
      const named = new Set(options.override?.ruleCodes ?? []);
      const unwaived = breaches.filter((v) => !named.has(v.ruleCode) || NON_OVERRIDABLE.has(v.ruleCode));
      if (unwaived.length > 0) {
        const leaveOut = plan.skipRefused?.(unwaived, applied);
        if (!leaveOut?.length || round > 20) {
          throw new Refused(ruleViolations(breaches, unwaived));
        }
        // Take the refused assignments back out and judge what is left.
        for (const a of leaveOut) {
          const why = unwaived.filter((v) => v.staffId === a.staffId && v.shiftIds.includes(a.shiftId));
          skipped.push({
            shiftId: a.shiftId,
            staffId: a.staffId,
            reason: `Refused by ${[...new Set(why.map((v) => v.ruleCode))].join(', ')}`,
            violations: unwaived
              .filter((v) => v.staffId === a.staffId && v.shiftIds.includes(a.shiftId))
              .map(toViolation),
          });
          await em.getRepository(AssignmentEntity).delete({ id: a.id });
        }
        const gone = new Set(leaveOut.map((a) => a.id));
        applied = { ...applied, assignments: (applied.assignments ?? []).filter((a) => !gone.has(a.id)) };
        continue;
      }

      const waived = breaches.filter((v) => named.has(v.ruleCode));
      if (waived.length) {
        await this.recordOverrides(
          em,
          actor,
          rota,
          waived,
          options.override!.reason,
          applied.assignments ?? [],
        );
      }
      const saved = await this.record(ctx, plan.operation, options, applied.details ?? {}, after, applied);
      const accepted = newBreaches(before, after);
      return {
        rota: saved,
        assignments: applied.assignments ?? [],
        shifts: applied.shifts ?? [],
        removedAssignmentIds: applied.removedAssignmentIds ?? [],
        removedShiftIds: applied.removedShiftIds ?? [],
        warnings: accepted.map(toViolation),
        resolved: endedBreaches(before, after).map(toViolation),
        skipped,
      };
    }
  }

  /**
   * Locks the rota row (concurrent writers queue), checks the caller manages the team, refuses a stale
   * `expectedVersion` (CONFLICT) and a change to a published rota without a reason (BAD_USER_INPUT).
   */
  private async lock(
    em: EntityManager,
    actor: Actor,
    rotaId: string,
    options: RotaWriteOptions,
    plan: Pick<EditPlan, 'operation' | 'delegatedBy'>,
    field: string,
  ): Promise<{ rota: RotaEntity; team: TeamEntity }> {
    const operation = plan.operation;
    const rota = await em
      .getRepository(RotaEntity)
      .findOne({ where: { id: rotaId }, lock: { mode: 'pessimistic_write' } });
    if (!rota) throw new NotFoundError('Rota', rotaId, field);
    const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
    if (!plan.delegatedBy) Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
    if (options.expectedVersion != null && options.expectedVersion !== rota.version) {
      throw new ConflictError(
        `The rota has changed since version ${options.expectedVersion} (it is now version ${rota.version}): reload it and try again`,
        { currentVersion: rota.version, field: 'input.expectedVersion' },
      );
    }
    if (
      rota.status === RotaStatus.PUBLISHED &&
      operation !== RotaOperation.PUBLISH_ROTA &&
      !options.reason?.trim()
    ) {
      throw new BadUserInputError(
        'the rota is published: say why it changes (staff and auditors see it)',
        'input.reason',
      );
    }
    return { rota, team };
  }

  /** Each waived breach, once: rule, person, shifts, and the assignment it was about where there is one. */
  private async recordOverrides(
    em: EntityManager,
    actor: Actor,
    rota: RotaEntity,
    waived: CoreViolation[],
    reason: string,
    made: readonly AssignmentEntity[],
  ): Promise<void> {
    const staffIds = [...new Set(waived.flatMap((v) => (v.staffId ? [v.staffId] : [])))];
    const assignments = staffIds.length
      ? await em
          .getRepository(AssignmentEntity)
          .createQueryBuilder('a')
          .innerJoin('a.shift', 's')
          .where('s.rota_id = :rota AND a.staff_id = ANY(:staff) AND a.cancelled_at IS NULL', {
            rota: rota.id,
            staff: staffIds,
          })
          .getMany()
      : [];
    const rows = waived.map((v) => {
      // The assignment this change made, where the breach is about it; else the person's on those shifts.
      const about = (a: AssignmentEntity) => a.staffId === v.staffId && v.shiftIds.includes(a.shiftId);
      const on = made.find(about) ?? assignments.find(about);
      return {
        rotaId: rota.id,
        assignmentId: on?.id ?? null,
        staffId: v.staffId,
        shiftIds: [...new Set(v.shiftIds)],
        ruleCode: v.ruleCode,
        reason: reason.trim(),
        overriddenBy: actor.subject,
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await em.getRepository(RuleOverrideEntity).insert(rows.slice(i, i + 500));
    }
  }

  /**
   * The last step: bump the version; keep the change and its reason if the rota is or was published; store the
   * rota's compliance as checked (or drop it, for a draft).
   */
  private async record(
    ctx: EditContext,
    operation: RotaOperation,
    options: RotaWriteOptions,
    details: Record<string, unknown>,
    violations: CoreViolation[],
    applied: EditApplied,
  ): Promise<RotaEntity> {
    const { em, actor, rota } = ctx;
    rota.version += 1;
    const saved = await em.getRepository(RotaEntity).save(rota);
    if (ctx.published && options.reason?.trim()) {
      const changes = em.getRepository(RotaChangeEntity);
      await changes.save(
        changes.create({
          rotaId: rota.id,
          version: rota.version,
          operation,
          reason: options.reason.trim(),
          details,
          changedBy: actor.subject,
        }),
      );
    }
    if (rota.status === RotaStatus.PUBLISHED) await this.checks.recordViolations(em, rota, violations);
    else await this.checks.forgetViolations(em, rota);
    // The people the change concerns hear of it in the same transaction (nothing if it rolls back).
    await notifyRotaWritten(this.notifications, em, {
      rota: saved,
      teamName: ctx.team.name,
      operation,
      wasPublished: ctx.published,
      reason: options.reason,
      before: ctx.facts.assignments,
      shifts: applied.shifts,
      removedShiftIds: applied.removedShiftIds,
    });
    return saved;
  }
}
