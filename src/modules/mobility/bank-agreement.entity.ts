import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Decision } from '../absences/absence.enums.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { BankAgreementStatus } from './mobility.enums.js';

/**
 * Two organisations agree to share a staff bank: each one's staff may claim the other's open shifts (their
 * passport ready at the host team). Proposed by one side's HR, approved by the other's; either side ends it.
 * One live agreement per pair (a unique index over the unordered pair).
 */
@Entity({ name: 'bank_agreement' })
@Index('uq_bank_agreement_pair', { synchronize: false })
@Check('ck_bank_agreement_two_sides', `proposer_organisation_id <> partner_organisation_id`)
@Check('ck_bank_agreement_dates', `end_date IS NULL OR end_date >= start_date`)
@Check('ck_bank_agreement_terms', `terms IS NULL OR length(btrim(terms)) BETWEEN 1 AND 2000`)
@Check('ck_bank_agreement_ended', `(status IN ('ENDED', 'WITHDRAWN', 'DECLINED')) = (ended_at IS NOT NULL)`)
export class BankAgreementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bank_agreement' })
  id: string;

  @Column('uuid')
  proposerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposer_organisation_id', foreignKeyConstraintName: 'fk_bank_agreement_proposer' })
  proposerOrganisation?: Relation<OrganisationEntity>;

  @Index('ix_bank_agreement_partner')
  @Column('uuid')
  partnerOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_organisation_id', foreignKeyConstraintName: 'fk_bank_agreement_partner' })
  partnerOrganisation?: Relation<OrganisationEntity>;

  @Column('date')
  startDate: string;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('text', { nullable: true })
  terms: string | null;

  @Column({
    type: 'enum',
    enum: BankAgreementStatus,
    enumName: 'bank_agreement_status',
    default: BankAgreementStatus.PROPOSED,
  })
  status: BankAgreementStatus;

  @Column('text')
  proposedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  proposedAt: Date;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  @Column('text', { nullable: true })
  endedBy: string | null;

  @Column('text', { nullable: true })
  endReason: string | null;

  @Column('int', { default: 1 })
  version: number;
}

/** One organisation's decision on an agreement, kept for ever. */
@Entity({ name: 'bank_agreement_decision' })
@Index('uq_bank_agreement_decision_side', ['bankAgreementId', 'organisationId'], { unique: true })
@Check(
  'ck_bank_agreement_decision_reason',
  `decision = 'APPROVE' OR (reason IS NOT NULL AND length(btrim(reason)) > 0)`,
)
export class BankAgreementDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bank_agreement_decision' })
  id: string;

  @Column('uuid')
  bankAgreementId: string;

  @ManyToOne(() => BankAgreementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bank_agreement_id', foreignKeyConstraintName: 'fk_bank_agreement_decision_agreement' })
  bankAgreement?: Relation<BankAgreementEntity>;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'fk_bank_agreement_decision_organisation',
  })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'enum', enum: Decision, enumName: 'decision' })
  decision: Decision;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text')
  decidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;
}
