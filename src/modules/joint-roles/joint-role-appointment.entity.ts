import {
  Check,
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
import { numericTransformer } from '../../common/database/transformers.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AppointmentStatus } from './joint-role.enums.js';
import { JointRoleEntity } from './joint-role.entity.js';

export interface StoredGap {
  organisationId: string;
  skillId: string;
  reason: 'MISSING' | 'EXPIRED' | 'NOT_ACCEPTED';
  expiresOn: string | null;
}

/**
 * A person appointed to a joint role for a period. Once their employer has consented (CONSENTED), while it runs
 * they may work at every partner’s teams.
 */
@Entity({ name: 'joint_role_appointment' })
@Exclusion(
  'ex_joint_role_appointment_overlap',
  `USING gist ("joint_role_id" WITH =, "staff_id" WITH =, daterange("start_date", COALESCE("end_date", 'infinity'::date), '[]') WITH &&) WHERE ("status" <> 'DECLINED')`,
)
@Check(
  'ck_joint_role_appointment_consent',
  `(status = 'PROPOSED') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL) AND (status = 'DECLINED') = (decline_reason IS NOT NULL)`,
)
@Check('ck_joint_role_appointment_period', `end_date IS NULL OR end_date >= start_date`)
@Check('ck_joint_role_appointment_fte', `fte > 0 AND fte <= 1`)
@Check('ck_joint_role_appointment_override', `jsonb_array_length(gaps) = 0 OR override_reason IS NOT NULL`)
@Index('ix_joint_role_appointment_staff', ['staffId', 'startDate'])
export class JointRoleAppointmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role_appointment' })
  id: string;

  @Index('ix_joint_role_appointment_role')
  @Column('uuid')
  jointRoleId: string;

  @ManyToOne(() => JointRoleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'joint_role_id', foreignKeyConstraintName: 'fk_joint_role_appointment_role' })
  jointRole?: Relation<JointRoleEntity>;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_joint_role_appointment_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Column('date')
  startDate: string;

  @Column('date', { nullable: true })
  endDate: string | null;

  /** The share of a whole-time post this appointment is. */
  @Column('numeric', { precision: 3, scale: 2, transformer: numericTransformer })
  fte: number;

  /** Passport gaps found when appointed (per partner organisation). */
  @Column('jsonb', { default: () => `'[]'` })
  gaps: StoredGap[];

  @Column('text', { nullable: true })
  overrideReason: string | null;

  @Column('text')
  appointedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  appointedAt: Date;

  @Column({
    type: 'enum',
    enum: AppointmentStatus,
    enumName: 'joint_role_appointment_status',
    default: AppointmentStatus.PROPOSED,
  })
  status: AppointmentStatus;

  /** Who consented (or declined) for the employer, and when. */
  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  declineReason: string | null;

  @Column('text', { nullable: true })
  endedBy: string | null;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;

  @Column('text', { nullable: true })
  endReason: string | null;
}
