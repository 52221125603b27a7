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
import { RotaEntity } from './rota.entity.js';
import { ShiftTypeEntity } from './shift-type.entity.js';

/**
 * One shift of a rota: instants computed from the team's local date and time, and its cover requirement.
 * A shift removed from a published rota is kept, cancelled, so staff calendars can show it as cancelled.
 */
@Entity({ name: 'shift' })
@Index('ix_shift_rota_id', ['rotaId'])
@Index('ix_shift_team_starts_at', ['teamId', 'startsAt'])
@Index('uq_shift_rota_type_date', { synchronize: false })
@Check('ck_shift_instants', `ends_at > starts_at AND ends_at - starts_at <= interval '25 hours'`)
@Check('ck_shift_duration', `duration_minutes BETWEEN 1 AND 1440`)
@Check('ck_shift_break', `unpaid_break_minutes >= 0 AND unpaid_break_minutes < duration_minutes`)
@Check(
  'ck_shift_headcount',
  `min_headcount >= 0 AND target_headcount >= min_headcount AND (max_headcount IS NULL OR max_headcount >= target_headcount)`,
)
export class ShiftEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_shift' })
  id: string;

  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_shift_rota' })
  rota?: Relation<RotaEntity>;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_shift_team' })
  team?: Relation<TeamEntity>;

  @Column('uuid')
  shiftTypeId: string;

  @ManyToOne(() => ShiftTypeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shift_type_id', foreignKeyConstraintName: 'fk_shift_shift_type' })
  shiftType?: Relation<ShiftTypeEntity>;

  /** The local date the shift starts on (team's zone). */
  @Column('date')
  localDate: string;

  @Column('time')
  startTime: string;

  /** Length on the wall clock. */
  @Column('int')
  durationMinutes: number;

  @Column('int', { default: 0 })
  unpaidBreakMinutes: number;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('int', { default: 0 })
  minHeadcount: number;

  @Column('int', { default: 0 })
  targetHeadcount: number;

  /** A hard cap on assignments (null: none); enforced under a row lock, so concurrent managers cannot overfill. */
  @Column('int', { nullable: true })
  maxHeadcount: number | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
