import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SkillEntity } from '../skills/skill.entity.js';
import { ShiftEntity } from './shift.entity.js';

/** Skill mix: `count` distinct people on the shift must hold `skill` ("2 × registered nurse"). */
@Entity({ name: 'shift_skill_slot' })
@Check('ck_shift_skill_slot_count', `count BETWEEN 1 AND 100`)
export class ShiftSkillSlotEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_shift_skill_slot' })
  shiftId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_shift_skill_slot' })
  skillId: string;

  @ManyToOne(() => ShiftEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'shift_id', foreignKeyConstraintName: 'fk_shift_skill_slot_shift' })
  shift?: Relation<ShiftEntity>;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_shift_skill_slot_skill' })
  skill?: Relation<SkillEntity>;

  @Column('int')
  count: number;
}
