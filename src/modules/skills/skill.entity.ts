import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SkillKind } from './skill.enums.js';

@Entity({ name: 'skill' })
@Check('ck_skill_code_format', `code ~ '^[A-Z][A-Z0-9_]{1,59}$'`)
@Check('ck_skill_validity', `default_validity_months IS NULL OR default_validity_months BETWEEN 1 AND 120`)
export class SkillEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_skill' })
  id: string;

  @Index('uq_skill_code', { unique: true })
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column({ type: 'enum', enum: SkillKind, enumName: 'skill_kind' })
  kind: SkillKind;

  /** How long a credential lasts when its expiry is not given; null: it does not expire. */
  @Column('int', { nullable: true })
  defaultValidityMonths: number | null;

  @Column('text', { nullable: true })
  description: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
