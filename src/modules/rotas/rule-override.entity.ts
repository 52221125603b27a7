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

/**
 * A hard rule knowingly waived on a rota, once: which rule, for whom and on which shifts (the violation it
 * waived), why, who, when. It stands until the rota is deleted: a later edit or the publication finds the same
 * violation (same rule, person and a shift in common) already waived and does not ask again.
 */
@Entity({ name: 'rule_override' })
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
  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_rule_override_rota' })
  rota?: Relation<RotaEntity>;

  @Column('text')
  ruleCode: string;

  /** The person the waived violation was about (null: a shift's cover). */
  @Column('uuid', { nullable: true })
  staffId: string | null;

  /** The shifts the waived violation named. */
  @Column('uuid', { array: true, default: () => `'{}'` })
  shiftIds: string[];

  @Column('text')
  reason: string;

  @Column('text')
  overriddenBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  overriddenAt: Date;
}
