import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { authorisationBasis } from '../../rota-core/authorisation.js';
import { RotaChecker } from '../../rota-core/check.js';
import { RULE_CODES } from '../../rota-core/rules/index.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { AssignmentBasis } from '../rotas/rota.enums.js';
import { ShiftEntity } from '../rotas/shift.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import type { Violation as CoreViolation } from '../../rota-core/model.js';
import { ComplianceRefreshEntity } from './compliance-refresh.entity.js';
import { RotaViolationEntity } from './rota-violation.entity.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { RotaStatus } from '../rotas/rota.enums.js';
import { stampTransaction } from '../../common/database/transaction.js';
import { toViolation } from './checks.mapper.js';
import type { AssignmentPreview, EligibleCandidate, RotaCheck } from './checks.types.js';
import { AUTHORISATION_SOURCE, type AuthorisationSource, RotaFactsLoader } from './rota-facts.loader.js';

const KNOWN = new Set(RULE_CODES);

/** Refuses rule codes the catalogue does not know (BAD_USER_INPUT naming the field). */
export function requireKnownRuleCodes(codes: readonly string[] | undefined | null, field: string): void {
  const unknown = (codes ?? []).filter((c) => !KNOWN.has(c));
  if (unknown.length) throw new BadUserInputError(`unknown rule code(s) ${unknown.join(', ')}`, field);
}

@Injectable()
export class ChecksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: RotaFactsLoader,
    @Inject(AUTHORISATION_SOURCE) private readonly authorisation: AuthorisationSource,
  ) {}

  /** A checker over the rota's snapshot (with extra people), on the caller's EntityManager. */
  async checker(em: EntityManager, rotaId: string, staffIds: readonly string[] = []) {
    const snapshot = await this.loader.load(em, rotaId, { staffIds, authorisation: this.authorisation });
    return { ...snapshot, checker: new RotaChecker(snapshot.facts) };
  }

  /**
   * Replaces a published rota's stored violations (what the compliance report reads) with a full check of it
   * as it now stands — or with `violations` when the caller has just checked it — in the caller's transaction.
   */
  async recordViolations(
    em: EntityManager,
    rota: { id: string; teamId: string },
    violations?: CoreViolation[],
  ): Promise<void> {
    if (!violations) {
      const snapshot = await this.loader.load(em, rota.id, { authorisation: this.authorisation });
      violations = new RotaChecker(snapshot.facts).check().violations;
    }
    await em.getRepository(RotaViolationEntity).delete({ rotaId: rota.id });
    await em.getRepository(ComplianceRefreshEntity).delete({ rotaId: rota.id });
    const rows = violations.map((v) => ({
      rotaId: rota.id,
      teamId: rota.teamId,
      ruleCode: v.ruleCode,
      severity: v.severity,
      penalty: v.penalty,
      staffId: v.staffId,
      shiftIds: v.shiftIds,
      windowStart: new Date(v.windowStart),
      windowEnd: new Date(v.windowEnd),
      measured: v.measured,
      limit: v.limit,
      message: v.message,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await em.getRepository(RotaViolationEntity).insert(rows.slice(i, i + 500));
    }
  }

  /** A rota no longer published keeps no stored compliance (the report covers published rotas). */
  async forgetViolations(em: EntityManager, rota: { id: string }): Promise<void> {
    await em.getRepository(RotaViolationEntity).delete({ rotaId: rota.id });
    await em.getRepository(ComplianceRefreshEntity).delete({ rotaId: rota.id });
  }

  /**
   * Checks again, and stores, published rotas whose compliance the triggers marked stale (oldest first, at most
   * `limit`, each in its own transaction), optionally only those of some teams. Returns how many it refreshed.
   */
  async refreshStale(teamIds?: readonly string[], limit = 200): Promise<number> {
    const stale: Array<{ rota_id: string; team_id: string }> = await this.dataSource.query(
      `SELECT c.rota_id, r.team_id FROM compliance_refresh c JOIN rota r ON r.id = c.rota_id
        WHERE r.status = 'PUBLISHED' AND ($1::uuid[] IS NULL OR r.team_id = ANY($1))
        ORDER BY c.stale_since LIMIT $2`,
      [teamIds ? [...teamIds] : null, limit],
    );
    for (const row of stale) {
      await this.dataSource.transaction(async (em) => {
        await stampTransaction(em);
        const locked = await em
          .getRepository(RotaEntity)
          .findOne({ where: { id: row.rota_id }, lock: { mode: 'pessimistic_write' } });
        if (locked?.status === RotaStatus.PUBLISHED) await this.recordViolations(em, locked);
        else await em.getRepository(ComplianceRefreshEntity).delete({ rotaId: row.rota_id });
      });
    }
    return stale.length;
  }

  private async overseenTeam(actor: Actor, teamId: string): Promise<TeamEntity> {
    const team = await this.dataSource.getRepository(TeamEntity).findOneByOrFail({ id: teamId });
    Access.assert(Access.overseesTeam(actor, team), `rotas of ${team.name}`);
    return team;
  }

  async checkRota(actor: Actor, rotaId: string, ruleCodes?: string[] | null): Promise<RotaCheck> {
    requireKnownRuleCodes(ruleCodes, 'ruleCodes');
    const em = this.dataSource.manager;
    const snapshot = await this.loader.load(em, rotaId, { authorisation: this.authorisation });
    await this.overseenTeam(actor, snapshot.team.id);
    const result = new RotaChecker(snapshot.facts, {
      ruleCodes: ruleCodes?.length ? ruleCodes : undefined,
    }).check();
    return {
      rotaId,
      hardCount: result.hardCount,
      softPenalty: result.softPenalty,
      violations: result.violations.map(toViolation),
    };
  }

  private async shift(shiftId: string): Promise<ShiftEntity> {
    const shift = await this.dataSource.getRepository(ShiftEntity).findOneBy({ id: shiftId });
    if (!shift) throw new NotFoundError('Shift', shiftId, 'shiftId');
    return shift;
  }

  /** `previewAssignment`: what assigning the person would add; nothing is written. */
  async previewAssignment(actor: Actor, shiftId: string, staffId: string): Promise<AssignmentPreview> {
    const shift = await this.shift(shiftId);
    const team = await this.overseenTeam(actor, shift.teamId);
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneBy({ id: staffId });
    if (!staff) throw new NotFoundError('Staff member', staffId, 'staffId');
    const { checker, facts } = await this.checker(this.dataSource.manager, shift.rotaId, [staffId]);
    const p = checker.preview(shiftId, staffId);
    const basis = authorisationBasis(
      { id: staff.id, employerId: staff.employerId },
      team,
      shift.localDate,
      facts.placements,
      facts.appointments,
      facts.bankShifts,
      shiftId,
    );
    return {
      violations: p.added.map(toViolation),
      resolved: p.resolved.map(toViolation),
      hardCount: p.hardAdded,
      softPenaltyDelta: p.softDelta,
      eligible: p.hardAdded === 0,
      basis: basis ? AssignmentBasis[basis] : null,
    };
  }

  /**
   * Who may be put on the team's shifts on some day of [from, to]: the team organisation's active staff and anyone
   * a placement or joint role authorises there (who-can-cover and the solver draw on the same pool).
   */
  async candidatePool(
    em: EntityManager,
    team: { id: string; organisationId: string },
    from: string,
    to: string,
  ): Promise<string[]> {
    const employed = await em
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.employer_id = :org AND s.active = true', { org: team.organisationId })
      .getRawMany<{ id: string }>();
    const authorised = await this.authorisation.authorisedStaffIds(
      em,
      team.id,
      team.organisationId,
      from,
      to,
    );
    return [...new Set([...employed.map((r) => r.id), ...authorised])];
  }

  /**
   * Whom the solver may place on a rota: the team's own people (their home team), anyone a placement or joint
   * role authorises there in the rota's dates, and whoever is on the rota already. Narrower than who-can-cover
   * (the whole organisation, for one shift): a rota is built from its team, not from every employee of a trust.
   */
  async rotaPool(
    em: EntityManager,
    rota: { id: string; startDate: string; endDate: string },
    team: { id: string; organisationId: string },
  ): Promise<string[]> {
    const own = await em
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where('s.home_team_id = :team AND s.active = true', { team: team.id })
      .getRawMany<{ id: string }>();
    const on = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin('a.shift', 's')
      .select('DISTINCT a.staff_id', 'id')
      .where('s.rota_id = :rota AND a.cancelled_at IS NULL', { rota: rota.id })
      .getRawMany<{ id: string }>();
    const authorised = await this.authorisation.authorisedStaffIds(
      em,
      team.id,
      team.organisationId,
      rota.startDate,
      rota.endDate,
    );
    return [...new Set([...own.map((r) => r.id), ...on.map((r) => r.id), ...authorised])];
  }

  /**
   * `eligibleStaff`: candidates for a shift — the team organisation's active staff and anyone a placement or
   * joint role authorises there — ranked eligible first, then by the soft penalty they would add.
   */
  async eligibleStaff(actor: Actor, shiftId: string, first: number): Promise<EligibleCandidate[]> {
    const shift = await this.shift(shiftId);
    const team = await this.overseenTeam(actor, shift.teamId);
    const em = this.dataSource.manager;
    const candidates = await this.candidatePool(em, team, shift.localDate, shift.localDate);
    const onShift = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .select('a.staff_id', 'id')
      .where('a.shift_id = :shift AND a.cancelled_at IS NULL', { shift: shift.id })
      .getRawMany<{ id: string }>();
    const exclude = new Set(onShift.map((r) => r.id));
    const pool = candidates.filter((id) => !exclude.has(id));
    const { checker } = await this.checker(em, shift.rotaId, pool);
    return checker.candidates(shift.id, { staffIds: pool, limit: first }).map((c) => ({
      staffId: c.staffId,
      basis: c.basis ? AssignmentBasis[c.basis] : null,
      eligible: c.eligible,
      violations: c.violations.map(toViolation),
      softPenaltyDelta: c.softPenalty,
    }));
  }
}
