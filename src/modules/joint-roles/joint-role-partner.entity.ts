import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { numericTransformer } from '../../common/database/transformers.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { ShareAcceptance } from './joint-role.enums.js';
import { JointRoleEntity } from './joint-role.entity.js';

/**
 * A partner of a joint role: its share of the funding and of the time, in percent with two decimals, and its
 * HR's answer to them (reset whenever they change).
 */
@Entity({ name: 'joint_role_partner' })
@Check(
  'ck_joint_role_partner_acceptance',
  `(acceptance = 'PENDING') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL) AND (acceptance = 'DECLINED') = (decline_reason IS NOT NULL)`,
)
@Check(
  'ck_joint_role_partner_shares',
  `funding_share_percent BETWEEN 0 AND 100 AND time_share_percent BETWEEN 0 AND 100 AND funding_share_percent + time_share_percent > 0`,
)
export class JointRolePartnerEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role_partner' })
  jointRoleId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role_partner' })
  organisationId: string;

  @ManyToOne(() => JointRoleEntity, (r) => r.partners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joint_role_id', foreignKeyConstraintName: 'fk_joint_role_partner_role' })
  jointRole?: Relation<JointRoleEntity>;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_joint_role_partner_organisation' })
  organisation?: Relation<OrganisationEntity>;

  @Column('numeric', { precision: 5, scale: 2, transformer: numericTransformer })
  fundingSharePercent: number;

  @Column('numeric', { precision: 5, scale: 2, transformer: numericTransformer })
  timeSharePercent: number;

  @Column({
    type: 'enum',
    enum: ShareAcceptance,
    enumName: 'share_acceptance',
    default: ShareAcceptance.PENDING,
  })
  acceptance: ShareAcceptance;

  /** Who answered for the partner (a token subject), and when. */
  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  declineReason: string | null;
}
