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
import type { StoredGap } from '../joint-roles/joint-role-appointment.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { ShiftEntity } from '../rotas/shift.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { BankAgreementEntity } from './bank-agreement.entity.js';
import { OpenShiftClaimStatus, OpenShiftStatus } from './mobility.enums.js';

/**
 * Unfilled places on a shift a manager offers: to their organisation's staff and, unless kept in-house, to staff
 * of organisations with an active bank agreement with theirs. One live offer per shift.
 */
@Entity({ name: 'open_shift' })
@Index('uq_open_shift_shift', { synchronize: false })
@Index('ix_open_shift_team', ['teamId', 'status'])
@Index('ix_open_shift_organisation', ['organisationId', 'status'])
@Check('ck_open_shift_places', `places BETWEEN 1 AND 50`)
@Check('ck_open_shift_note', `note IS NULL OR length(btrim(note)) BETWEEN 1 AND 1000`)
@Check('ck_open_shift_filled', `(status = 'FILLED') = (filled_at IS NOT NULL)`)
@Check('ck_open_shift_withdrawn', `(status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)`)
export class OpenShiftEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_open_shift' })
  id: string;

  @Column('uuid')
  shiftId: string;

  @ManyToOne(() => ShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shift_id', foreignKeyConstraintName: 'fk_open_shift_shift' })
  shift?: Relation<ShiftEntity>;

  @Column('uuid')
  teamId: string;

  /** The host organisation (the team's: a composite key onto team (id, organisation_id)). */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'team_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_open_shift_team' },
    { name: 'organisation_id', referencedColumnName: 'organisationId' },
  ])
  team?: Relation<TeamEntity>;

  @Column('int')
  places: number;

  /** Skills a claimant must hold (valid on the day), besides the team's own requirements. */
  @Column('uuid', { array: true, default: () => `'{}'` })
  skillIds: string[];

  @Column('text', { nullable: true })
  note: string | null;

  /** Offered to partner organisations' staff under a bank agreement (false: the host's own staff only). */
  @Column('boolean', { default: true })
  includePartners: boolean;

  /** Claims by the host organisation's own staff go straight onto the rota (no manager decision). */
  @Column('boolean', { default: false })
  autoApproveOwnStaff: boolean;

  @Column({
    type: 'enum',
    enum: OpenShiftStatus,
    enumName: 'open_shift_status',
    default: OpenShiftStatus.OPEN,
  })
  status: OpenShiftStatus;

  @Column('text')
  publishedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;

  @Column('timestamptz', { nullable: true })
  filledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('text', { nullable: true })
  withdrawnBy: string | null;

  @Column('text', { nullable: true })
  withdrawReason: string | null;

  @Column('int', { default: 1 })
  version: number;
}

/**
 * Someone's claim on an open shift. A live claim (PENDING or APPROVED) holds a numbered place: the database allows
 * one live claim per place and per person, so two claims for the last place cannot both succeed. When its
 * assignment leaves the rota (by any write), a trigger cancels the claim and reopens the offer's place.
 */
@Entity({ name: 'open_shift_claim' })
@Index('uq_open_shift_claim_place', { synchronize: false })
@Index('uq_open_shift_claim_staff', { synchronize: false })
@Check('ck_open_shift_claim_place', `place >= 1`)
@Check('ck_open_shift_claim_decided', `status NOT IN ('APPROVED', 'REJECTED') OR decided_at IS NOT NULL`)
@Check(
  'ck_open_shift_claim_rejected',
  `status <> 'REJECTED' OR (reason IS NOT NULL AND length(btrim(reason)) > 0)`,
)
export class OpenShiftClaimEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_open_shift_claim' })
  id: string;

  @Column('uuid')
  openShiftId: string;

  @ManyToOne(() => OpenShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'open_shift_id', foreignKeyConstraintName: 'fk_open_shift_claim_open_shift' })
  openShift?: Relation<OpenShiftEntity>;

  @Index('ix_open_shift_claim_staff')
  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_open_shift_claim_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Column('int')
  place: number;

  @Column({
    type: 'enum',
    enum: OpenShiftClaimStatus,
    enumName: 'open_shift_claim_status',
    default: OpenShiftClaimStatus.PENDING,
  })
  status: OpenShiftClaimStatus;

  /** The agreement under which a partner organisation's staff member works it (null: the host's own staff). */
  @Column('uuid', { nullable: true })
  bankAgreementId: string | null;

  @ManyToOne(() => BankAgreementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bank_agreement_id', foreignKeyConstraintName: 'fk_open_shift_claim_agreement' })
  bankAgreement?: Relation<BankAgreementEntity>;

  /** Passport gaps at the host team when claimed (empty: ready). */
  @Column('jsonb', { default: () => `'[]'` })
  readiness: StoredGap[];

  @Column('text')
  claimedBy: string;

  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  claimedAt: Date;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  /** Why it was rejected (required), or a note with an approval. */
  @Column('text', { nullable: true })
  reason: string | null;

  /** The assignment an approval made. */
  @Column('uuid', { nullable: true })
  assignmentId: string | null;

  @ManyToOne(() => AssignmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_open_shift_claim_assignment' })
  assignment?: Relation<AssignmentEntity>;
}
