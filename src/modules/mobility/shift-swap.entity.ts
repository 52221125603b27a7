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
import { RotaEntity } from '../rotas/rota.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { ShiftSwapStatus } from './mobility.enums.js';

/**
 * A staff member offers a colleague their shift in exchange for one of the colleague's (or, with no colleague
 * assignment, hands it over). The colleague accepts, the manager approves, and only then does the rota change,
 * through the rota write path with both people's rules checked. Assignment ids are kept as they were proposed
 * (the assignments themselves are replaced when the swap is written).
 */
@Entity({ name: 'shift_swap' })
@Index('uq_shift_swap_assignment', { synchronize: false })
@Index('ix_shift_swap_rota', ['rotaId', 'status'])
@Check('ck_shift_swap_two_people', `staff_id <> colleague_id`)
@Check('ck_shift_swap_message', `message IS NULL OR length(btrim(message)) BETWEEN 1 AND 1000`)
@Check(
  'ck_shift_swap_rejected',
  `status <> 'REJECTED' OR (decision_reason IS NOT NULL AND length(btrim(decision_reason)) > 0)`,
)
export class ShiftSwapEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shift_swap' })
  id: string;

  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_shift_swap_rota' })
  rota?: Relation<RotaEntity>;

  /** The proposer's assignment (the shift they give). */
  @Column('uuid')
  assignmentId: string;

  @Index('ix_shift_swap_staff')
  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_shift_swap_staff' })
  staff?: Relation<StaffMemberEntity>;

  /** The colleague's assignment they take in exchange (null: a handover, nothing back). */
  @Column('uuid', { nullable: true })
  colleagueAssignmentId: string | null;

  @Index('ix_shift_swap_colleague')
  @Column('uuid')
  colleagueId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'colleague_id', foreignKeyConstraintName: 'fk_shift_swap_colleague' })
  colleague?: Relation<StaffMemberEntity>;

  @Column('text', { nullable: true })
  message: string | null;

  @Column({
    type: 'enum',
    enum: ShiftSwapStatus,
    enumName: 'shift_swap_status',
    default: ShiftSwapStatus.PROPOSED,
  })
  status: ShiftSwapStatus;

  @Column('text')
  proposedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  proposedAt: Date;

  @Column('timestamptz', { nullable: true })
  respondedAt: Date | null;

  @Column('text', { nullable: true })
  responseReason: string | null;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  decisionReason: string | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('int', { default: 1 })
  version: number;
}
