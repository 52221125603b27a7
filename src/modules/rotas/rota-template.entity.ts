import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { TeamEntity } from '../organisations/team.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { ShiftTypeEntity } from './shift-type.entity.js';

/**
 * A team's repeating pattern of weeks: which shifts on which weekdays with which cover, and optionally who works
 * them. A rota is made from it for any start date (a Monday) for as many weeks as wanted, repeating the pattern.
 */
@Entity({ name: 'rota_template' })
@Index('uq_rota_template_team_name', ['teamId', 'name'], { unique: true })
@Check('ck_rota_template_weeks', `weeks BETWEEN 1 AND 26`)
@Check('ck_rota_template_name', `length(btrim(name)) > 0`)
export class RotaTemplateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template' })
  id: string;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_rota_template_team' })
  team?: Relation<TeamEntity>;

  @Column('text')
  name: string;

  /** Length of the pattern in weeks (it repeats over longer rotas). */
  @Column('int')
  weeks: number;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One shift of the pattern: week (1-based), ISO weekday, shift type and its cover. */
@Entity({ name: 'rota_template_shift' })
@Index('uq_rota_template_shift', ['templateId', 'week', 'weekday', 'shiftTypeId'], { unique: true })
@Check('ck_rota_template_shift_weekday', `weekday BETWEEN 1 AND 7`)
@Check('ck_rota_template_shift_week', `week >= 1`)
@Check(
  'ck_rota_template_shift_cover',
  `min_headcount >= 0 AND target_headcount >= min_headcount AND (max_headcount IS NULL OR max_headcount >= target_headcount)`,
)
export class RotaTemplateShiftEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template_shift' })
  id: string;

  @Column('uuid')
  templateId: string;

  @ManyToOne(() => RotaTemplateEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_rota_template_shift_template' })
  template?: Relation<RotaTemplateEntity>;

  @Column('int')
  week: number;

  @Column('int')
  weekday: number;

  @Column('uuid')
  shiftTypeId: string;

  @ManyToOne(() => ShiftTypeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shift_type_id', foreignKeyConstraintName: 'fk_rota_template_shift_type' })
  shiftType?: Relation<ShiftTypeEntity>;

  @Column('int')
  minHeadcount: number;

  @Column('int')
  targetHeadcount: number;

  @Column('int', { nullable: true })
  maxHeadcount: number | null;
}

/** A skill-mix slot of a template shift. */
@Entity({ name: 'rota_template_slot' })
@Check('ck_rota_template_slot_count', `count >= 1`)
export class RotaTemplateSlotEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template_slot' })
  templateShiftId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template_slot' })
  skillId: string;

  @ManyToOne(() => RotaTemplateShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_shift_id', foreignKeyConstraintName: 'fk_rota_template_slot_shift' })
  templateShift?: Relation<RotaTemplateShiftEntity>;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_rota_template_slot_skill' })
  skill?: Relation<SkillEntity>;

  @Column('int')
  count: number;
}

/** Who works a template shift (the assignment pattern). */
@Entity({ name: 'rota_template_assignment' })
export class RotaTemplateAssignmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template_assignment' })
  templateShiftId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_rota_template_assignment' })
  staffId: string;

  @ManyToOne(() => RotaTemplateShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_shift_id', foreignKeyConstraintName: 'fk_rota_template_assignment_shift' })
  templateShift?: Relation<RotaTemplateShiftEntity>;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_rota_template_assignment_staff' })
  staff?: Relation<StaffMemberEntity>;
}
