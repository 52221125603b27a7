import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { AssignmentEntity } from './assignment.entity.js';
import { RotaEntity } from './rota.entity.js';

/** A hard rule knowingly waived for one assignment or one publication: which rule, why, who, when. */
@Entity({ name: 'rule_override' })
@Check('ck_rule_override_target', `num_nonnulls(assignment_id, rota_id) = 1`)
@Check('ck_rule_override_reason', `length(btrim(reason)) > 0`)
export class RuleOverrideEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rule_override' })
  id: string;

  @Index('ix_rule_override_assignment_id')
  @Column('uuid', { nullable: true })
  assignmentId: string | null;

  @ManyToOne(() => AssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_rule_override_assignment' })
  assignment?: Relation<AssignmentEntity>;

  @Index('ix_rule_override_rota_id')
  @Column('uuid', { nullable: true })
  rotaId: string | null;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_rule_override_rota' })
  rota?: Relation<RotaEntity>;

  @Column('text')
  ruleCode: string;

  @Column('text')
  reason: string;

  @Column('text')
  overriddenBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  overriddenAt: Date;
}
