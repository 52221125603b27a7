import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, Role, type Actor } from '../../common/auth/actor.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { assessReadiness } from '../../rota-core/passport.js';
import { Decision } from '../absences/absence.enums.js';
import type { RuleViolations } from '../checks/checks.types.js';
import type { StoredGap } from '../joint-roles/joint-role-appointment.entity.js';
import { NotificationKind, NotificationsService } from '../notifications/notifications.service.js';
import { TeamRequiredSkillEntity } from '../organisations/team-required-skill.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { PassportService } from '../passport/passport.service.js';
import { RotaEditsService, WRITE_CONSTRAINTS } from '../rotas/rota-edits.service.js';
import { RotaWriter } from '../rotas/rota-writer.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { RotaStatus } from '../rotas/rota.enums.js';
import { ShiftEntity } from '../rotas/shift.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { agreementInForce } from './bank-agreements.service.js';
import { OpenShiftClaimStatus, OpenShiftStatus } from './mobility.enums.js';
import type {
  ClaimOpenShiftInput,
  DecideOpenShiftClaimInput,
  OpenShiftsArgs,
  PublishOpenShiftInput,
  WithdrawOpenShiftClaimInput,
  WithdrawOpenShiftInput,
} from './mobility.types.js';
import { OpenShiftClaimEntity, OpenShiftEntity } from './open-shift.entity.js';

export const OPEN_SHIFT_CONSTRAINTS = {
  ...WRITE_CONSTRAINTS,
  uq_open_shift_shift: () =>
    new ConflictError('The shift is already offered: withdraw that offer to change it', {
      field: 'input.shiftId',
    }),
  uq_open_shift_claim_place: () =>
    new ConflictError('Every place on this open shift is taken', {
      reason: 'NO_PLACE_LEFT',
      field: 'input.openShiftId',
    }),
  uq_open_shift_claim_staff: () =>
    new ConflictError('You already hold a place on this open shift', { field: 'input.openShiftId' }),
};

const LIVE = [OpenShiftClaimStatus.PENDING, OpenShiftClaimStatus.APPROVED];
const name = (s: Pick<StaffMemberEntity, 'givenName' | 'familyName'>) => `${s.givenName} ${s.familyName}`;

/**
 * Open shifts: a manager offers unfilled places on a shift of a published rota; the host organisation's staff
 * and staff of organisations with a bank agreement in force (their passport ready at the host team on the day)
 * claim them, first come first served (a claim holds a numbered place, under a row lock, and the database allows
 * one live claim per place); every claim is judged by the rota write path's own check of the rota with the
 * claimant on it (every hard rule, their shifts on other rotas included) and the manager approves it onto the
 * rota (basis BANK), or the offer approves the host's own staff by rule.
 */
@Injectable()
export class OpenShiftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly writer: RotaWriter,
    private readonly edits: RotaEditsService,
    private readonly passport: PassportService,
    private readonly notifications: NotificationsService,
  ) {}

  publish(actor: Actor, input: PublishOpenShiftInput): Promise<OpenShiftEntity> {
    return this.tx.run(
      async (em) => {
        const shift = await em.getRepository(ShiftEntity).findOne({
          where: { id: input.shiftId },
          relations: { shiftType: true },
          lock: { mode: 'pessimistic_write', tables: ['shift'] },
        });
        if (!shift) throw new NotFoundError('Shift', input.shiftId, 'input.shiftId');
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: shift.teamId });
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        const rota = await em.getRepository(RotaEntity).findOneByOrFail({ id: shift.rotaId });
        if (rota.status !== RotaStatus.PUBLISHED) {
          throw new ConflictError('Publish the rota first: open shifts are offered on published rotas', {
            status: rota.status,
            field: 'input.shiftId',
          });
        }
        if (shift.cancelledAt) {
          throw new ConflictError('The shift was cancelled', { status: 'CANCELLED', field: 'input.shiftId' });
        }
        if (shift.startsAt.getTime() <= Date.now()) {
          throw new BadUserInputError('has already started', 'input.shiftId');
        }
        const current = await this.headcount(em, shift.id);
        const room = shift.maxHeadcount === null ? Infinity : shift.maxHeadcount - current;
        const places = input.places ?? Math.max(shift.targetHeadcount, shift.minHeadcount) - current;
        if (places < 1) {
          throw new BadUserInputError(
            `the shift already has ${current} of its target ${shift.targetHeadcount}: say how many places`,
            'input.places',
          );
        }
        if (places > room) {
          throw new ConflictError(
            `The shift can take ${Math.max(room, 0)} more at most (maximum headcount ${shift.maxHeadcount})`,
            { field: 'input.places' },
          );
        }
        const skillIds = [...new Set(input.skillIds ?? [])];
        if (skillIds.length) {
          const found = await em
            .getRepository(SkillEntity)
            .createQueryBuilder('k')
            .where('k.id = ANY(:ids)', { ids: skillIds })
            .getMany();
          const missing = skillIds.find((id) => !found.some((k) => k.id === id));
          if (missing) throw new NotFoundError('Skill', missing, 'input.skillIds');
        }
        const repo = em.getRepository(OpenShiftEntity);
        const offer = await repo.save(
          repo.create({
            shiftId: shift.id,
            teamId: team.id,
            organisationId: team.organisationId,
            places,
            skillIds,
            note: input.note?.trim() ?? null,
            includePartners: input.includePartners ?? true,
            autoApproveOwnStaff: input.autoApproveOwnStaff ?? false,
            status: OpenShiftStatus.OPEN,
            publishedBy: actor.subject,
          }),
        );
        const eligible = await this.eligibleStaffIds(em, offer, shift);
        await this.notifications.notify(em, {
          kind: NotificationKind.OPEN_SHIFT_AVAILABLE,
          staffIds: eligible,
          title: `Open shift: ${shift.shiftType?.name ?? 'shift'} at ${team.name} on ${shift.localDate}`,
          body: `${places} place${places === 1 ? '' : 's'} on ${shift.shiftType?.name ?? 'a shift'} (${shift.localDate} ${shift.startTime.slice(0, 5)}) at ${team.name}.${offer.note ? ` ${offer.note}` : ''}`,
          links: { openShiftId: offer.id, shiftId: shift.id },
        });
        return offer;
      },
      { constraints: OPEN_SHIFT_CONSTRAINTS },
    );
  }

  withdraw(actor: Actor, input: WithdrawOpenShiftInput): Promise<OpenShiftEntity> {
    return this.tx.run(async (em) => {
      const offer = await this.lockOffer(em, input.openShiftId, 'input.openShiftId');
      const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: offer.teamId });
      Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
      if (offer.status !== OpenShiftStatus.OPEN) {
        throw new ConflictError(`The open shift is ${offer.status}`, {
          status: offer.status,
          field: 'input.openShiftId',
        });
      }
      Object.assign(offer, {
        status: OpenShiftStatus.WITHDRAWN,
        withdrawnAt: new Date(),
        withdrawnBy: actor.subject,
        withdrawReason: input.reason.trim(),
        version: offer.version + 1,
      });
      const saved = await em.getRepository(OpenShiftEntity).save(offer);
      const pending: Array<{ staff_id: string }> = await em.query(
        `UPDATE open_shift_claim SET status = 'CANCELLED' WHERE open_shift_id = $1 AND status = 'PENDING' RETURNING staff_id`,
        [offer.id],
      );
      await this.notifications.notify(em, {
        kind: NotificationKind.OPEN_SHIFT_CLAIM_DECIDED,
        staffIds: pending.map((r) => r.staff_id),
        title: `An open shift you claimed was withdrawn`,
        body: `The open shift at ${team.name} was withdrawn: ${offer.withdrawReason}`,
        links: { openShiftId: offer.id, shiftId: offer.shiftId },
      });
      return saved;
    });
  }

  /**
   * A claim for yourself. Refused (writing nothing) when you are not eligible, your passport is not ready, every
   * place is taken (CONFLICT) or the rota with you on the shift would break a hard rule (RuleViolations).
   */
  claim(actor: Actor, input: ClaimOpenShiftInput): Promise<OpenShiftClaimEntity | RuleViolations> {
    const staffId = actor.staffId;
    if (!staffId) throw new ForbiddenError('Only staff (with a staff record) claim open shifts');
    return this.writer.transaction(
      async (em) => {
        // The offer's row lock orders concurrent claims: the first to commit takes the place.
        const offer = await this.lockOffer(em, input.openShiftId, 'input.openShiftId');
        const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: staffId });
        const shift = await em.getRepository(ShiftEntity).findOne({
          where: { id: offer.shiftId },
          relations: { shiftType: true },
        });
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: offer.teamId });
        const eligibility = await this.eligibility(em, offer, shift!, staff);
        if (!eligibility.eligible) throw eligibility.error;
        if (offer.status !== OpenShiftStatus.OPEN) {
          throw new ConflictError(`The open shift is ${offer.status}`, {
            status: offer.status,
            field: 'input.openShiftId',
          });
        }
        const live = await em
          .getRepository(OpenShiftClaimEntity)
          .createQueryBuilder('c')
          .where('c.open_shift_id = :id AND c.status = ANY(:live)', { id: offer.id, live: LIVE })
          .getMany();
        if (live.some((c) => c.staffId === staffId)) {
          throw new ConflictError('You already hold a place on this open shift', {
            field: 'input.openShiftId',
          });
        }
        const taken = new Set(live.map((c) => c.place));
        let place = 1;
        while (taken.has(place)) place++;
        if (place > offer.places) {
          throw new ConflictError('Every place on this open shift is taken', {
            reason: 'NO_PLACE_LEFT',
            field: 'input.openShiftId',
          });
        }
        const auto = eligibility.agreementId === null && offer.autoApproveOwnStaff;
        const claims = em.getRepository(OpenShiftClaimEntity);
        const claim = await claims.save(
          claims.create({
            openShiftId: offer.id,
            staffId,
            place,
            status: OpenShiftClaimStatus.PENDING,
            bankAgreementId: eligibility.agreementId,
            readiness: [],
            claimedBy: actor.subject,
          }),
        );
        const reason = `Open shift claimed by ${name(staff)}${auto ? ' (approved by the offer’s rule for own staff)' : ''}`;
        if (!auto) await em.query('SAVEPOINT claim_check');
        // The claim approved, and the claimant on the shift: what the write path's own check says of that.
        await claims.update(claim.id, {
          status: OpenShiftClaimStatus.APPROVED,
          decidedAt: new Date(),
          decidedBy: actor.subject,
        });
        const outcome = await this.edits.fillOpenShiftIn(
          em,
          actor,
          { rotaId: shift!.rotaId, shiftId: shift!.id, staffId, claimId: claim.id },
          {
            reason,
            delegatedBy: auto ? 'an open shift approving its own staff by rule' : 'the check of a claim',
          },
        );
        if (!auto) {
          // Judged lawful: undo the trial and leave the claim holding its place for the manager.
          await em.query('ROLLBACK TO SAVEPOINT claim_check');
          await this.notifications.notify(em, {
            kind: NotificationKind.OPEN_SHIFT_CLAIMED,
            teamIds: [team.id],
            title: `${name(staff)} claimed an open shift on ${shift!.localDate}`,
            body: `${name(staff)} claimed place ${place} of ${offer.places} on ${shift!.shiftType?.name ?? 'a shift'} (${shift!.localDate} ${shift!.startTime.slice(0, 5)})${eligibility.agreementId ? ' under a bank agreement' : ''}. Approve or reject it.`,
            links: { openShiftId: offer.id, shiftId: shift!.id, claimId: claim.id },
          });
          return claims.findOneByOrFail({ id: claim.id });
        }
        await claims.update(claim.id, { assignmentId: outcome.assignments[0]!.id });
        await this.markFilled(em, offer);
        await this.notifications.notify(em, {
          kind: NotificationKind.OPEN_SHIFT_CLAIM_DECIDED,
          staffIds: [staffId],
          teamIds: [team.id],
          title: `Bank shift booked: ${shift!.localDate} at ${team.name}`,
          body: `${name(staff)} is on ${shift!.shiftType?.name ?? 'the shift'} (${shift!.localDate} ${shift!.startTime.slice(0, 5)}) at ${team.name}.`,
          links: { openShiftId: offer.id, shiftId: shift!.id, rotaId: shift!.rotaId },
        });
        return claims.findOneByOrFail({ id: claim.id });
      },
      { constraints: OPEN_SHIFT_CONSTRAINTS },
    );
  }

  /** The host manager approves a pending claim onto the rota (the write path judges it) or rejects it. */
  decide(actor: Actor, input: DecideOpenShiftClaimInput): Promise<OpenShiftClaimEntity | RuleViolations> {
    return this.writer.transaction(
      async (em) => {
        const found = await em.getRepository(OpenShiftClaimEntity).findOneBy({ id: input.claimId });
        if (!found) throw new NotFoundError('Open shift claim', input.claimId, 'input.claimId');
        const offer = await this.lockOffer(em, found.openShiftId, 'input.claimId');
        const claims = em.getRepository(OpenShiftClaimEntity);
        const claim = await claims.findOneOrFail({
          where: { id: input.claimId },
          lock: { mode: 'pessimistic_write' },
        });
        const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: offer.teamId });
        Access.assert(Access.managesRotas(actor, team), `rotas of ${team.name}`);
        if (claim.status !== OpenShiftClaimStatus.PENDING) {
          throw new ConflictError(`The claim is ${claim.status}`, {
            status: claim.status,
            field: 'input.claimId',
          });
        }
        const shift = await em.getRepository(ShiftEntity).findOne({
          where: { id: offer.shiftId },
          relations: { shiftType: true },
        });
        const staff = await em.getRepository(StaffMemberEntity).findOneByOrFail({ id: claim.staffId });
        const what = `${shift!.shiftType?.name ?? 'shift'} on ${shift!.localDate} at ${team.name}`;
        if (input.decision === Decision.REJECT) {
          if (!input.reason?.trim()) throw new BadUserInputError('say why it is rejected', 'input.reason');
          await claims.update(claim.id, {
            status: OpenShiftClaimStatus.REJECTED,
            decidedAt: new Date(),
            decidedBy: actor.subject,
            reason: input.reason.trim(),
          });
          await this.notifications.notify(em, {
            kind: NotificationKind.OPEN_SHIFT_CLAIM_DECIDED,
            staffIds: [claim.staffId],
            title: `Claim not approved: ${what}`,
            body: `Your claim on the ${what} was not approved: ${input.reason.trim()}`,
            links: { openShiftId: offer.id, claimId: claim.id },
          });
          return claims.findOneByOrFail({ id: claim.id });
        }
        if (claim.bankAgreementId) {
          // The agreement must still be in force on the day (ending it cancels pending claims; this is the backstop).
          const still = await agreementInForce(em, staff.employerId, offer.organisationId, shift!.localDate);
          if (!still || still.id !== claim.bankAgreementId) {
            throw new ConflictError(
              'The bank agreement it was claimed under is no longer in force on that day',
              {
                field: 'input.claimId',
              },
            );
          }
        }
        await claims.update(claim.id, {
          status: OpenShiftClaimStatus.APPROVED,
          decidedAt: new Date(),
          decidedBy: actor.subject,
          reason: input.reason?.trim() ?? null,
        });
        const outcome = await this.edits.fillOpenShiftIn(
          em,
          actor,
          { rotaId: shift!.rotaId, shiftId: shift!.id, staffId: claim.staffId, claimId: claim.id },
          {
            reason: input.reason?.trim() || `Open shift claim by ${name(staff)} approved`,
            override: input.override,
          },
        );
        await claims.update(claim.id, { assignmentId: outcome.assignments[0]!.id });
        await this.markFilled(em, offer);
        await this.notifications.notify(em, {
          kind: NotificationKind.OPEN_SHIFT_CLAIM_DECIDED,
          staffIds: [claim.staffId],
          title: `Bank shift approved: ${what}`,
          body: `You are on the ${what} (${shift!.startTime.slice(0, 5)}).`,
          links: { openShiftId: offer.id, shiftId: shift!.id, rotaId: shift!.rotaId, claimId: claim.id },
        });
        return claims.findOneByOrFail({ id: claim.id });
      },
      { constraints: OPEN_SHIFT_CONSTRAINTS },
    );
  }

  /** The claimant takes back a pending claim (its place frees). */
  withdrawClaim(actor: Actor, input: WithdrawOpenShiftClaimInput): Promise<OpenShiftClaimEntity> {
    return this.tx.run(async (em) => {
      const claims = em.getRepository(OpenShiftClaimEntity);
      const claim = await claims.findOne({
        where: { id: input.claimId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!claim) throw new NotFoundError('Open shift claim', input.claimId, 'input.claimId');
      if (claim.staffId !== actor.staffId && !isAdmin(actor)) {
        throw new ForbiddenError('Only the person who claimed it withdraws a claim');
      }
      if (claim.status !== OpenShiftClaimStatus.PENDING) {
        throw new ConflictError(`The claim is ${claim.status}: only a pending claim can be withdrawn`, {
          status: claim.status,
          field: 'input.claimId',
        });
      }
      await claims.update(claim.id, { status: OpenShiftClaimStatus.WITHDRAWN });
      return claims.findOneByOrFail({ id: claim.id });
    });
  }

  // ---- reading ------------------------------------------------------------------------------------------------

  /**
   * Open shifts the caller may see: their teams' (managers) and organisations' (HR), those they could claim
   * (open, not started, their employer's or a bank partner's), and those they claimed.
   */
  async list(actor: Actor, args: OpenShiftsArgs): Promise<ConnectionShape<OpenShiftEntity>> {
    const qb = this.dataSource
      .getRepository(OpenShiftEntity)
      .createQueryBuilder('o')
      .innerJoin(ShiftEntity, 's', 's.id = o.shift_id');
    const employerId = await this.employerOf(actor);
    const claimable = `(o.status = 'OPEN' AND s.starts_at > now() AND s.cancelled_at IS NULL AND (o.organisation_id = :employer
      OR (o.include_partners AND EXISTS (SELECT 1 FROM bank_agreement b WHERE b.status = 'ACTIVE'
          AND b.start_date <= s.local_date AND (b.end_date IS NULL OR b.end_date >= s.local_date)
          AND ((b.proposer_organisation_id = :employer AND b.partner_organisation_id = o.organisation_id)
            OR (b.partner_organisation_id = :employer AND b.proposer_organisation_id = o.organisation_id))))))`;
    const params = {
      employer: employerId ?? '00000000-0000-0000-0000-000000000000',
      staff: actor.staffId ?? '00000000-0000-0000-0000-000000000000',
      teams: actor.roles.has(Role.MANAGER) ? [...actor.teamIds] : [],
      orgs: actor.roles.has(Role.HR) ? [...actor.organisationIds] : [],
    };
    const f = args.filter ?? {};
    if (f.claimable) {
      qb.where(claimable, params);
    } else if (!isAdmin(actor)) {
      qb.where(
        `(o.team_id = ANY(:teams) OR o.organisation_id = ANY(:orgs) OR ${claimable}
          OR EXISTS (SELECT 1 FROM open_shift_claim c WHERE c.open_shift_id = o.id AND c.staff_id = :staff))`,
        params,
      );
    }
    if (f.teamId) qb.andWhere('o.team_id = :team', { team: f.teamId });
    if (f.status) qb.andWhere('o.status = :status', { status: f.status });
    return paginate(
      qb,
      args,
      [
        { expression: 'o.published_at', value: (o) => o.publishedAt.toISOString() },
        { expression: 'o.id', value: (o) => o.id },
      ],
      true,
    );
  }

  async get(actor: Actor, id: string): Promise<OpenShiftEntity> {
    const offer = await this.dataSource.getRepository(OpenShiftEntity).findOneBy({ id });
    if (!offer) throw new NotFoundError('Open shift', id, 'id');
    Access.assert(await this.mayRead(actor, offer), 'open shifts you cannot claim');
    return offer;
  }

  private async mayRead(actor: Actor, offer: OpenShiftEntity): Promise<boolean> {
    if (isAdmin(actor)) return true;
    if (Access.overseesTeam(actor, { id: offer.teamId, organisationId: offer.organisationId })) return true;
    if (!actor.staffId) return false;
    const claimed = await this.dataSource
      .getRepository(OpenShiftClaimEntity)
      .existsBy({ openShiftId: offer.id, staffId: actor.staffId });
    if (claimed) return true;
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneBy({ id: actor.staffId });
    const shift = await this.dataSource.getRepository(ShiftEntity).findOneBy({ id: offer.shiftId });
    if (!staff || !shift) return false;
    return (await this.eligibility(this.dataSource.manager, offer, shift, staff, false)).eligible;
  }

  /** The caller's passport gaps for an open shift (empty: ready), or null without a staff record. */
  async readinessOf(actor: Actor, offer: OpenShiftEntity): Promise<StoredGap[] | null> {
    if (!actor.staffId) return null;
    const shift = await this.dataSource.getRepository(ShiftEntity).findOneByOrFail({ id: offer.shiftId });
    return this.gaps(this.dataSource.manager, offer, shift, actor.staffId);
  }

  // ---- the pieces ---------------------------------------------------------------------------------------------

  private async employerOf(actor: Actor): Promise<string | null> {
    if (!actor.staffId) return null;
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneBy({ id: actor.staffId });
    return staff?.employerId ?? null;
  }

  private async lockOffer(em: EntityManager, id: string, field: string): Promise<OpenShiftEntity> {
    const offer = await em
      .getRepository(OpenShiftEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!offer) throw new NotFoundError('Open shift', id, field);
    return offer;
  }

  private async headcount(em: EntityManager, shiftId: string): Promise<number> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS n FROM assignment WHERE shift_id = $1 AND cancelled_at IS NULL`,
      [shiftId],
    )) as Array<{ n: number }>;
    return row!.n;
  }

  private async markFilled(em: EntityManager, offer: OpenShiftEntity): Promise<void> {
    const approved = await em
      .getRepository(OpenShiftClaimEntity)
      .countBy({ openShiftId: offer.id, status: OpenShiftClaimStatus.APPROVED });
    if (approved >= offer.places && offer.status === OpenShiftStatus.OPEN) {
      await em.getRepository(OpenShiftEntity).update(offer.id, {
        status: OpenShiftStatus.FILLED,
        filledAt: new Date(),
        version: offer.version + 1,
      });
    }
  }

  private async requiredSkills(em: EntityManager, offer: OpenShiftEntity): Promise<string[]> {
    const team = await em.getRepository(TeamRequiredSkillEntity).findBy({ teamId: offer.teamId });
    return [...new Set([...team.map((r) => r.skillId), ...offer.skillIds])];
  }

  private async gaps(
    em: EntityManager,
    offer: OpenShiftEntity,
    shift: ShiftEntity,
    staffId: string,
  ): Promise<StoredGap[]> {
    const r = await this.passport.readinessFor(
      em,
      staffId,
      await this.requiredSkills(em, offer),
      offer.organisationId,
      shift.localDate,
    );
    return r.gaps.map((g) => ({
      organisationId: offer.organisationId,
      skillId: g.skillId,
      reason: g.reason,
      expiresOn: g.expiresOn,
    }));
  }

  /**
   * May this person claim the offer: active; the host organisation's own staff, or (the offer open to partners)
   * employed by an organisation with a bank agreement in force with the host on the day; passport ready at the
   * host team on the day (`checkReadiness`).
   */
  private async eligibility(
    em: EntityManager,
    offer: OpenShiftEntity,
    shift: ShiftEntity,
    staff: StaffMemberEntity,
    checkReadiness = true,
  ): Promise<{ eligible: true; agreementId: string | null } | { eligible: false; error: Error }> {
    if (!staff.active) {
      return { eligible: false, error: new ForbiddenError('Your staff record is not active') };
    }
    if (shift.cancelledAt || shift.startsAt.getTime() <= Date.now()) {
      return {
        eligible: false,
        error: new ConflictError('The shift has started or was cancelled', { field: 'input.openShiftId' }),
      };
    }
    let agreementId: string | null = null;
    if (staff.employerId !== offer.organisationId) {
      const agreement = offer.includePartners
        ? await agreementInForce(em, staff.employerId, offer.organisationId, shift.localDate)
        : null;
      if (!agreement) {
        return {
          eligible: false,
          error: new ForbiddenError(
            offer.includePartners
              ? `No bank agreement between your employer and the host organisation is in force on ${shift.localDate}`
              : 'This open shift is for the host organisation’s own staff',
          ),
        };
      }
      agreementId = agreement.id;
    }
    if (checkReadiness) {
      const gaps = await this.gaps(em, offer, shift, staff.id);
      if (gaps.length) {
        const names = new Map(
          (
            await em
              .getRepository(SkillEntity)
              .createQueryBuilder('k')
              .where('k.id = ANY(:ids)', { ids: gaps.map((g) => g.skillId) })
              .getMany()
          ).map((k) => [k.id, k.name]),
        );
        const words = { MISSING: 'missing', EXPIRED: 'expired', NOT_ACCEPTED: 'not accepted by the host' };
        return {
          eligible: false,
          error: new BadUserInputError(
            `your skills passport is not ready at the host team on ${shift.localDate}: ${gaps
              .map(
                (g) =>
                  `${names.get(g.skillId) ?? g.skillId} (${words[g.reason as keyof typeof words] ?? g.reason})`,
              )
              .join(', ')}`,
            'input.openShiftId',
            { gaps },
          ),
        };
      }
    }
    return { eligible: true, agreementId };
  }

  /** Everyone who could claim the offer (for the announcement): own and partner staff with a ready passport. */
  private async eligibleStaffIds(
    em: EntityManager,
    offer: OpenShiftEntity,
    shift: ShiftEntity,
  ): Promise<string[]> {
    const organisations: Array<{ id: string }> = await em.query(
      `SELECT $1::uuid AS id
       UNION
       SELECT CASE WHEN b.proposer_organisation_id = $1 THEN b.partner_organisation_id ELSE b.proposer_organisation_id END
         FROM bank_agreement b
        WHERE $2 AND b.status = 'ACTIVE' AND b.start_date <= $3 AND (b.end_date IS NULL OR b.end_date >= $3)
          AND (b.proposer_organisation_id = $1 OR b.partner_organisation_id = $1)`,
      [offer.organisationId, offer.includePartners, shift.localDate],
    );
    const staff: Array<{ id: string }> = await em.query(
      `SELECT m.id FROM staff_member m
        WHERE m.employer_id = ANY($1) AND m.active
          AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.shift_id = $2 AND a.staff_id = m.id AND a.cancelled_at IS NULL)`,
      [organisations.map((o) => o.id), shift.id],
    );
    const required = await this.requiredSkills(em, offer);
    if (!required.length) return staff.map((s) => s.id);
    const policy = (await this.passport.loadPolicies(em, [offer.organisationId])).get(offer.organisationId)!;
    const credentials = await this.passport.loadCredentialFacts(
      em,
      staff.map((s) => s.id),
      required,
    );
    return staff
      .map((s) => s.id)
      .filter(
        (id) =>
          assessReadiness(
            required,
            credentials.filter((c) => c.staffId === id),
            policy,
            shift.localDate,
          ).ready,
      );
  }
}
