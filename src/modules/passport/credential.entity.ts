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
import { CredentialAcceptance } from './credential.enums.js';

/**
 * A staff member holds a skill: valid on the days in [obtainedOn, expiresOn), verified by an organisation. It
 * counts only once the person's employer has accepted it (`acceptance`); readers go through the
 * `counting_credential` view (accepted, not revoked), never this table.
 */
@Entity({ name: 'credential' })
@Index('uq_credential_staff_skill_obtained', { synchronize: false })
@Check('ck_credential_period', `expires_on IS NULL OR expires_on > obtained_on`)
@Check('ck_credential_revocation', `(revoked_at IS NULL) = (revocation_reason IS NULL)`)
@Check(
  'ck_credential_acceptance',
  `(acceptance = 'PENDING_ACCEPTANCE') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL) AND (acceptance = 'DECLINED') = (decline_reason IS NOT NULL)`,
)
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

  /** Pending until the employer's HR accepts it; recorded by the employer's HR, accepted at once. */
  @Column({
    type: 'enum',
    enum: CredentialAcceptance,
    enumName: 'credential_acceptance',
    default: CredentialAcceptance.PENDING_ACCEPTANCE,
  })
  acceptance: CredentialAcceptance;

  /** The token subject that recorded it (null: recorded before this was kept). */
  @Column('text', { nullable: true })
  recordedBy: string | null;

  /** Who accepted or declined it for the employer, and when. */
  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  declineReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
