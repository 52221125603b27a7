import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CATALOGUE } from '../../rota-core/index.js';
import { toViolation } from '../checks/checks.mapper.js';
import { ChecksService } from '../checks/checks.service.js';
import { AttentionAction, AttentionKind, type AttentionItem } from './rota-attention.types.js';
import { RuleOverrideEntity } from './rule-override.entity.js';

const EDIT_RULES = new Set(CATALOGUE.filter((r) => r.judges === 'EDIT').map((r) => r.code));

const KIND: Record<string, AttentionKind> = {
  ON_ABSENCE: AttentionKind.ON_LEAVE,
  NOT_AUTHORISED_AT_TEAM: AttentionKind.NOT_AUTHORISED,
  SKILL_REQUIRED: AttentionKind.PASSPORT_GAP,
  DOUBLE_BOOKED: AttentionKind.DOUBLE_BOOKED,
};

const ACTIONS: Record<AttentionKind, AttentionAction[]> = {
  ON_LEAVE: [AttentionAction.UNASSIGN, AttentionAction.FIND_COVER],
  PLACED_ELSEWHERE: [AttentionAction.UNASSIGN, AttentionAction.FIND_COVER],
  NOT_AUTHORISED: [AttentionAction.UNASSIGN, AttentionAction.FIND_COVER],
  PASSPORT_GAP: [AttentionAction.RENEW_CREDENTIAL, AttentionAction.UNASSIGN, AttentionAction.FIND_COVER],
  DOUBLE_BOOKED: [AttentionAction.UNASSIGN],
  RULE_BREACH: [AttentionAction.UNASSIGN, AttentionAction.FIND_COVER, AttentionAction.OVERRIDE],
};

const SAYS: Record<AttentionKind, string> = {
  ON_LEAVE: 'is on approved leave',
  PLACED_ELSEWHERE: 'is placed at another team',
  NOT_AUTHORISED: 'is no longer authorised to work here',
  PASSPORT_GAP: 'lacks a required credential',
  DOUBLE_BOOKED: 'is also working an overlapping shift',
  RULE_BREACH: 'breaks a rule',
};

/**
 * `rota.attention`: what changed elsewhere — leave approved, a placement, an appointment ended, an employer
 * changed, a credential revoked or expired — and now needs a manager, on this rota. Derived each time from the
 * rules (every breach of a rule that judges edits on someone's assignment that no override waives) and from
 * approved placements to other teams, so it cannot go stale or be forgotten by the code that made the change.
 */
@Injectable()
export class RotaAttentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: ChecksService,
  ) {}

  async of(rotaId: string): Promise<AttentionItem[]> {
    const em = this.dataSource.manager;
    const { checker, facts, team } = await this.checks.checker(em, rotaId);
    const assignments: Array<{ id: string; staff_id: string; shift_id: string; local_date: string }> =
      await em.query(
        `SELECT a.id, a.staff_id, a.shift_id, s.local_date::text AS local_date
           FROM assignment a JOIN shift s ON s.id = a.shift_id
          WHERE s.rota_id = $1 AND a.cancelled_at IS NULL AND s.cancelled_at IS NULL`,
        [rotaId],
      );
    const overrides = await em.getRepository(RuleOverrideEntity).findBy({ rotaId });
    const waived = (v: { ruleCode: string; staffId: string | null; shiftIds: string[] }) =>
      overrides.some(
        (o) =>
          o.ruleCode === v.ruleCode &&
          o.staffId === v.staffId &&
          o.shiftIds.some((id) => v.shiftIds.includes(id)),
      );
    const items: AttentionItem[] = [];
    for (const v of checker.check().violations) {
      if (v.severity !== 'HARD' || !v.staffId || !EDIT_RULES.has(v.ruleCode) || waived(v)) continue;
      const mine = assignments.filter((a) => a.staff_id === v.staffId && v.shiftIds.includes(a.shift_id));
      if (!mine.length) continue;
      const kind = KIND[v.ruleCode] ?? AttentionKind.RULE_BREACH;
      items.push({
        kind,
        rotaId,
        staffId: v.staffId,
        assignmentIds: mine.map((a) => a.id),
        shiftIds: mine.map((a) => a.shift_id),
        ruleCode: v.ruleCode,
        violation: toViolation(v),
        placementId: null,
        actions: ACTIONS[kind],
        message: `${this.name(facts, v.staffId)} ${SAYS[kind]} (${v.ruleCode}) on ${mine.length} shift(s)`,
      });
    }
    for (const p of facts.placements ?? []) {
      if (p.hostTeamId === team.id) continue;
      const mine = assignments.filter(
        (a) => a.staff_id === p.staffId && a.local_date >= p.startDate && a.local_date <= p.endDate,
      );
      if (!mine.length) continue;
      items.push({
        kind: AttentionKind.PLACED_ELSEWHERE,
        rotaId,
        staffId: p.staffId,
        assignmentIds: mine.map((a) => a.id),
        shiftIds: mine.map((a) => a.shift_id),
        ruleCode: null,
        violation: null,
        placementId: p.id,
        actions: ACTIONS.PLACED_ELSEWHERE,
        message: `${this.name(facts, p.staffId)} ${SAYS.PLACED_ELSEWHERE} from ${p.startDate} to ${p.endDate}, during ${mine.length} shift(s) here`,
      });
    }
    return items;
  }

  private name(facts: { staff: Array<{ id: string; name?: string }> }, staffId: string): string {
    return facts.staff.find((s) => s.id === staffId)?.name ?? 'Someone';
  }
}
