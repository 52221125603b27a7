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
import { ShiftTypeEntity } from '../rotas/shift-type.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { ShiftRequestKind } from './absence.enums.js';

/** A wish to work, or not to work, a shift type on a date; its weight is what refusing it costs (soft). */
@Entity({ name: 'shift_request' })
@Index('uq_shift_request_staff_date_type', ['staffId', 'date', 'shiftTypeId'], { unique: true })
@Check('ck_shift_request_weight', `weight BETWEEN 1 AND 1000`)
export class ShiftRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shift_request' })
  id: string;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_shift_request_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Column('date')
  date: string;

  @Column('uuid')
  shiftTypeId: string;

  @ManyToOne(() => ShiftTypeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shift_type_id', foreignKeyConstraintName: 'fk_shift_request_shift_type' })
  shiftType?: Relation<ShiftTypeEntity>;

  @Column({ type: 'enum', enum: ShiftRequestKind, enumName: 'shift_request_kind' })
  kind: ShiftRequestKind;

  @Column('int', { default: 1 })
  weight: number;

  @Column('text')
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
