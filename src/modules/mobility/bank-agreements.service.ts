import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, type Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { localDateOf } from '../../rota-core/dates.js';
import { Decision } from '../absences/absence.enums.js';
import { NotificationKind, NotificationsService } from '../notifications/notifications.service.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { BankAgreementDecisionEntity, BankAgreementEntity } from './bank-agreement.entity.js';
import { BankAgreementStatus, OpenShiftClaimStatus } from './mobility.enums.js';
import type {
  BankAgreementsArgs,
  DecideBankAgreementInput,
  EndBankAgreementInput,
  ProposeBankAgreementInput,
} from './mobility.types.js';

export const BANK_CONSTRAINTS = {
  uq_bank_agreement_pair: () =>
    new ConflictError(
      'The two organisations already have a bank agreement proposed or in force: end it first',
      { field: 'input.partnerOrganisationId' },
    ),
  uq_bank_agreement_decision_side: () =>
    new ConflictError('That organisation has already decided', { field: 'input.bankAgreementId' }),
};

/**
 * The agreement in force between two organisations on a date (either may have proposed it), if any: what lets
 * one's staff claim the other's open shifts.
 */
export async function agreementInForce(
  em: EntityManager,
  organisationA: string,
  organisationB: string,
  on: string,
): Promise<BankAgreementEntity | null> {
  return em
    .getRepository(BankAgreementEntity)
    .createQueryBuilder('b')
    .where(
      `((b.proposer_organisation_id = :a AND b.partner_organisation_id = :b)
        OR (b.proposer_organisation_id = :b AND b.partner_organisation_id = :a))`,
      { a: organisationA, b: organisationB },
    )
    .andWhere(`b.status = 'ACTIVE' AND b.start_date <= :on AND (b.end_date IS NULL OR b.end_date >= :on)`, {
      on,
    })
    .getOne();
}

/**
 * Bank agreements between two organisations: proposed by HR of one (their side's approval recorded with it),
 * decided by HR of the other, ended by either. Every decision is kept.
 */
@Injectable()
export class BankAgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Tells the managers of every team of both organisations that an agreement now runs, or no longer does (what
   * they may offer and claim changes). HR has no inbox: a proposal waiting for them is on `bankAgreements`.
   */
  private async announce(em: EntityManager, agreement: BankAgreementEntity, what: string): Promise<void> {
    const orgs: Array<{ id: string; name: string }> = await em.query(
      `SELECT id, name FROM organisation WHERE id = ANY($1) ORDER BY name`,
      [[agreement.proposerOrganisationId, agreement.partnerOrganisationId]],
    );
    const teams: Array<{ id: string }> = await em.query(
      `SELECT id FROM team WHERE organisation_id = ANY($1)`,
      [orgs.map((o) => o.id)],
    );
    await this.notifications.notify(em, {
      kind: NotificationKind.BANK_AGREEMENT_DECIDED,
      teamIds: teams.map((t) => t.id),
      title: `Bank agreement ${what}: ${orgs.map((o) => o.name).join(' and ')}`,
      body:
        agreement.status === BankAgreementStatus.ACTIVE
          ? `From ${agreement.startDate}, staff of either organisation may claim the other’s open shifts.`
          : `From ${agreement.endDate ?? 'now'}, staff of either organisation no longer claim the other’s open shifts: ${agreement.endReason ?? ''}`,
      links: { bankAgreementId: agreement.id },
    });
  }

  propose(actor: Actor, input: ProposeBankAgreementInput): Promise<BankAgreementEntity> {
    return this.tx.run(
      async (em) => {
        const own = input.organisationId
          ? [input.organisationId]
          : actor.organisationIds.filter((id) => Access.administersOrganisation(actor, id));
        if (own.length !== 1) {
          throw new BadUserInputError(
            own.length
              ? 'you are HR of several organisations: say which proposes it'
              : 'say which organisation proposes it',
            'input.organisationId',
          );
        }
        const proposer = own[0]!;
        if (!Access.administersOrganisation(actor, proposer)) {
          throw new ForbiddenError('Only HR of the proposing organisation may propose a bank agreement');
        }
        if (proposer === input.partnerOrganisationId) {
          throw new BadUserInputError('must be another organisation', 'input.partnerOrganisationId');
        }
        for (const [id, field] of [
          [proposer, 'input.organisationId'],
          [input.partnerOrganisationId, 'input.partnerOrganisationId'],
        ] as const) {
          if (!(await em.getRepository(OrganisationEntity).existsBy({ id })))
            throw new NotFoundError('Organisation', id, field);
        }
        if (input.endDate && input.endDate < input.startDate) {
          throw new BadUserInputError(`must not be before startDate (${input.startDate})`, 'input.endDate');
        }
        const agreement = await em.getRepository(BankAgreementEntity).save(
          em.getRepository(BankAgreementEntity).create({
            proposerOrganisationId: proposer,
            partnerOrganisationId: input.partnerOrganisationId,
            startDate: input.startDate,
            endDate: input.endDate ?? null,
            terms: input.terms?.trim() ?? null,
            status: BankAgreementStatus.PROPOSED,
            proposedBy: actor.subject,
          }),
        );
        await em.getRepository(BankAgreementDecisionEntity).insert({
          bankAgreementId: agreement.id,
          organisationId: proposer,
          decision: Decision.APPROVE,
          reason: null,
          decidedBy: actor.subject,
        });
        return agreement;
      },
      { constraints: BANK_CONSTRAINTS },
    );
  }

  decide(actor: Actor, input: DecideBankAgreementInput): Promise<BankAgreementEntity> {
    return this.tx.run(
      async (em) => {
        const agreement = await this.lock(em, input.bankAgreementId);
        if (!Access.administersOrganisation(actor, agreement.partnerOrganisationId)) {
          throw new ForbiddenError('Only HR of the organisation it was proposed to may decide it');
        }
        if (input.expectedVersion != null && input.expectedVersion !== agreement.version) {
          throw new ConflictError(
            `The agreement has changed since version ${input.expectedVersion} (it is now version ${agreement.version})`,
            { currentVersion: agreement.version, field: 'input.expectedVersion' },
          );
        }
        if (agreement.status !== BankAgreementStatus.PROPOSED) {
          throw new ConflictError(`The agreement is ${agreement.status}, not awaiting a decision`, {
            status: agreement.status,
            field: 'input.bankAgreementId',
          });
        }
        if (input.decision === Decision.REJECT && !input.reason?.trim()) {
          throw new BadUserInputError('say why it is rejected', 'input.reason');
        }
        await em.getRepository(BankAgreementDecisionEntity).insert({
          bankAgreementId: agreement.id,
          organisationId: agreement.partnerOrganisationId,
          decision: input.decision,
          reason: input.reason?.trim() ?? null,
          decidedBy: actor.subject,
        });
        if (input.decision === Decision.APPROVE) {
          agreement.status = BankAgreementStatus.ACTIVE;
        } else {
          Object.assign(agreement, {
            status: BankAgreementStatus.DECLINED,
            endedAt: new Date(),
            endedBy: actor.subject,
            endReason: input.reason!.trim(),
          });
        }
        agreement.version += 1;
        const saved = await em.getRepository(BankAgreementEntity).save(agreement);
        if (saved.status === BankAgreementStatus.ACTIVE) await this.announce(em, saved, 'agreed');
        return saved;
      },
      { constraints: BANK_CONSTRAINTS },
    );
  }

  end(actor: Actor, input: EndBankAgreementInput): Promise<BankAgreementEntity> {
    return this.tx.run(async (em) => {
      const agreement = await this.lock(em, input.bankAgreementId);
      const sides = [agreement.proposerOrganisationId, agreement.partnerOrganisationId];
      if (!sides.some((id) => Access.administersOrganisation(actor, id))) {
        throw new ForbiddenError('Only HR of either organisation may end a bank agreement');
      }
      const today = localDateOf(new Date());
      if (agreement.status === BankAgreementStatus.PROPOSED) {
        if (!Access.administersOrganisation(actor, agreement.proposerOrganisationId)) {
          throw new ForbiddenError('The organisation it was proposed to decides it (decideBankAgreement)');
        }
        agreement.status = BankAgreementStatus.WITHDRAWN;
      } else if (agreement.status === BankAgreementStatus.ACTIVE) {
        const last = input.endDate ?? today;
        if (last < agreement.startDate) {
          throw new BadUserInputError(
            `must not be before its start (${agreement.startDate})`,
            'input.endDate',
          );
        }
        if (agreement.endDate && last > agreement.endDate) {
          throw new BadUserInputError(`must not be after its end (${agreement.endDate})`, 'input.endDate');
        }
        agreement.status = BankAgreementStatus.ENDED;
        agreement.endDate = last;
      } else {
        throw new ConflictError(`The agreement is already ${agreement.status}`, {
          status: agreement.status,
          field: 'input.bankAgreementId',
        });
      }
      Object.assign(agreement, {
        endedAt: new Date(),
        endedBy: actor.subject,
        endReason: input.reason.trim(),
      });
      agreement.version += 1;
      const saved = await em.getRepository(BankAgreementEntity).save(agreement);
      // Claims waiting under it can no longer be approved: they are cancelled (their places free).
      await em.query(
        `UPDATE open_shift_claim SET status = $2 WHERE bank_agreement_id = $1 AND status = 'PENDING'`,
        [agreement.id, OpenShiftClaimStatus.CANCELLED],
      );
      if (saved.status === BankAgreementStatus.ENDED) await this.announce(em, saved, 'ended');
      return saved;
    });
  }

  private async lock(em: EntityManager, id: string): Promise<BankAgreementEntity> {
    const agreement = await em
      .getRepository(BankAgreementEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agreement) throw new NotFoundError('Bank agreement', id, 'input.bankAgreementId');
    return agreement;
  }

  /** Agreements of the caller's organisations (HR and managers of either side; ADMIN all). */
  list(actor: Actor, args: BankAgreementsArgs): Promise<ConnectionShape<BankAgreementEntity>> {
    const qb = this.dataSource.getRepository(BankAgreementEntity).createQueryBuilder('b');
    if (!isAdmin(actor)) {
      qb.where('(b.proposer_organisation_id = ANY(:orgs) OR b.partner_organisation_id = ANY(:orgs))', {
        orgs: [...actor.organisationIds],
      });
    }
    if (args.status) qb.andWhere('b.status = :status', { status: args.status });
    return paginate(
      qb,
      args,
      [
        { expression: 'b.proposed_at', value: (b) => b.proposedAt.toISOString() },
        { expression: 'b.id', value: (b) => b.id },
      ],
      true,
    );
  }

  async get(actor: Actor, id: string): Promise<BankAgreementEntity> {
    const agreement = await this.dataSource.getRepository(BankAgreementEntity).findOneBy({ id });
    if (!agreement) throw new NotFoundError('Bank agreement', id, 'id');
    const mine =
      isAdmin(actor) ||
      actor.organisationIds.includes(agreement.proposerOrganisationId) ||
      actor.organisationIds.includes(agreement.partnerOrganisationId);
    Access.assert(mine, 'bank agreements of other organisations');
    return agreement;
  }
}
