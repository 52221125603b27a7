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
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';

/** A staff member holds a skill: valid on the days in [obtainedOn, expiresOn), verified by an organisation. */
@Entity({ name: 'credential' })
@Index('uq_credential_staff_skill_obtained', { synchronize: false })
@Check('ck_credential_period', `expires_on IS NULL OR expires_on > obtained_on`)
@Check('ck_credential_revocation', `(revoked_at IS NULL) = (revocation_reason IS NULL)`)
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_credential' })
  id: string;

  @Index('ix_credential_staff_id')
  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_credential_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Index('ix_credential_skill_id')
  @Column('uuid')
  skillId: string;

  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_credential_skill' })
  skill?: Relation<SkillEntity>;

  @Column('date')
  obtainedOn: string;

  @Index('ix_credential_expires_on')
  @Column('date', { nullable: true })
  expiresOn: string | null;

  @Column('text', { nullable: true })
  evidenceReference: string | null;

  @Column('uuid')
  verifiedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'verified_by_organisation_id', foreignKeyConstraintName: 'fk_credential_verified_by' })
  verifiedByOrganisation?: Relation<OrganisationEntity>;

  @Column('timestamptz')
  verifiedAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revocationReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
