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
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { AbsenceKind, AbsenceStatus } from './absence.enums.js';

/** Leave, sickness, training…: whole local days [startDate, endDate]; once approved it blocks rostering. */
@Entity({ name: 'absence' })
@Check('ck_absence_period', `end_date >= start_date AND end_date - start_date <= 366`)
@Check('ck_absence_decision', `(status = 'REQUESTED') = (decided_at IS NULL)`)
@Exclusion(
  'ex_absence_staff_overlap',
  `USING gist ("staff_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&) WHERE ("status" <> 'REJECTED')`,
)
@Index('ix_absence_staff_dates', ['staffId', 'startDate'])
export class AbsenceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_absence' })
  id: string;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_absence_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Column({ type: 'enum', enum: AbsenceKind, enumName: 'absence_kind' })
  kind: AbsenceKind;

  @Column('date')
  startDate: string;

  @Column('date')
  endDate: string;

  @Column({ type: 'enum', enum: AbsenceStatus, enumName: 'absence_status', default: AbsenceStatus.REQUESTED })
  status: AbsenceStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  requestedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  /** Why it was approved or rejected (the column keeps its first name). */
  @Column('text', { name: 'decision_comment', nullable: true })
  decisionReason: string | null;
}
