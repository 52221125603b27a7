import {
  Check,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Column,
  type Relation,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';

/**
 * One line of an organisation's passport acceptance: it accepts, from the other sector, either one skill
 * (whoever verified it) or everything one verifying organisation verified. Own-sector credentials are always
 * accepted and need no line.
 */
@Entity({ name: 'passport_acceptance' })
@Check('ck_passport_acceptance_one_target', `num_nonnulls(skill_id, verifying_organisation_id) = 1`)
@Index('uq_passport_acceptance_skill', { synchronize: false })
@Index('uq_passport_acceptance_verifier', { synchronize: false })
export class PassportAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_passport_acceptance' })
  id: string;

  @Index('ix_passport_acceptance_organisation_id')
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_passport_acceptance_organisation' })
  organisation?: Relation<OrganisationEntity>;

  @Column('uuid', { nullable: true })
  skillId: string | null;

  @ManyToOne(() => SkillEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_passport_acceptance_skill' })
  skill?: Relation<SkillEntity>;

  @Column('uuid', { nullable: true })
  verifyingOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'verifying_organisation_id',
    foreignKeyConstraintName: 'fk_passport_acceptance_verifier',
  })
  verifyingOrganisation?: Relation<OrganisationEntity>;
}
