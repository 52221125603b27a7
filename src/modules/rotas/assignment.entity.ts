import {
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { OpenShiftClaimEntity } from '../mobility/open-shift.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AssignmentBasis } from './rota.enums.js';
import { ShiftEntity } from './shift.entity.js';

/**
 * A staff member on a shift. Its instants copy the shift's so that PostgreSQL itself refuses two overlapping
 * assignments of one person (exclusion constraint), whatever races the application loses.
 */
@Entity({ name: 'assignment' })
@Exclusion(
  'ex_assignment_staff_overlap',
  `USING gist ("staff_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("cancelled_at" IS NULL)`,
)
@Index('uq_assignment_shift_staff', { synchronize: false })
@Index('ix_assignment_staff_starts_at', ['staffId', 'startsAt'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assignment' })
  id: string;

  @Index('ix_assignment_shift_id')
  @Column('uuid')
  shiftId: string;

  @ManyToOne(() => ShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shift_id', foreignKeyConstraintName: 'fk_assignment_shift' })
  shift?: Relation<ShiftEntity>;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_assignment_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Column({ type: 'enum', enum: AssignmentBasis, enumName: 'assignment_basis' })
  basis: AssignmentBasis;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The open-shift claim this assignment fills (basis BANK). */
  @Column('uuid', { nullable: true })
  openShiftClaimId: string | null;

  @ManyToOne('OpenShiftClaimEntity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'open_shift_claim_id', foreignKeyConstraintName: 'fk_assignment_open_shift_claim' })
  openShiftClaim?: Relation<OpenShiftClaimEntity>;

  /** Set when removed from a published rota (kept for staff calendars and audit). */
  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;
}
