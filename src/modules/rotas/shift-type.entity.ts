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
import { TeamEntity } from '../organisations/team.entity.js';

/** A kind of shift a team works (E, L, LD, N…): local start time, wall-clock length, unpaid break. */
@Entity({ name: 'shift_type' })
@Index('uq_shift_type_team_code', ['teamId', 'code'], { unique: true })
@Check('ck_shift_type_duration', `duration_minutes BETWEEN 1 AND 1440`)
@Check('ck_shift_type_break', `unpaid_break_minutes >= 0 AND unpaid_break_minutes < duration_minutes`)
@Check('ck_shift_type_code', `code ~ '^[A-Z0-9]{1,10}$'`)
export class ShiftTypeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shift_type' })
  id: string;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_shift_type_team' })
  team?: Relation<TeamEntity>;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  /** Local wall-clock start, 'HH:mm'. */
  @Column('time')
  startTime: string;

  /** Length on the wall clock (real length differs across a clock change). */
  @Column('int')
  durationMinutes: number;

  @Column('int', { default: 0 })
  unpaidBreakMinutes: number;

  @Column('boolean', { default: false })
  onCall: boolean;

  @Column('boolean', { default: false })
  sleepIn: boolean;

  /** Shift types that may not start on the day after this one (e.g. night → early). */
  @Column('uuid', { array: true, default: () => `'{}'` })
  cannotBeFollowedByIds: string[];

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
