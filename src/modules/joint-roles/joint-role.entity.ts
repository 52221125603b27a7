import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { numericTransformer } from '../../common/database/transformers.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StaffGroup } from '../staff/staff.enums.js';
import { EmploymentModel, JointRoleStatus } from './joint-role.enums.js';
import { JointRolePartnerEntity } from './joint-role-partner.entity.js';

/**
 * A role held jointly by health and social care partners. Its partners' funding and time shares each sum to
 * exactly 100 and include both sectors, and it is ACTIVE (or ENDED) only with every partner's acceptance:
 * checked by the service and, across rows, by a deferred constraint trigger.
 */
@Entity({ name: 'joint_role' })
@Check('ck_joint_role_title', `length(btrim(title)) > 0`)
@Check('ck_joint_role_fte', `fte > 0 AND fte <= 10`)
@Check('ck_joint_role_period', `end_date IS NULL OR end_date >= start_date`)
@Check('ck_joint_role_cost', `annual_cost IS NULL OR annual_cost >= 0`)
export class JointRoleEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_joint_role' })
  id: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: StaffGroup, enumName: 'staff_group' })
  staffGroup: StaffGroup;

  /** Whole-time equivalents the role funds (e.g. 1.00, or 2.00 for two posts). */
  @Column('numeric', { precision: 4, scale: 2, transformer: numericTransformer })
  fte: number;

  @Column('date')
  startDate: string;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column({
    type: 'enum',
    enum: JointRoleStatus,
    enumName: 'joint_role_status',
    default: JointRoleStatus.DRAFT,
  })
  status: JointRoleStatus;

  @Column({ type: 'enum', enum: EmploymentModel, enumName: 'employment_model' })
  employmentModel: EmploymentModel;

  @Column('uuid')
  employingPartnerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employing_partner_id', foreignKeyConstraintName: 'fk_joint_role_employing_partner' })
  employingPartner?: Relation<OrganisationEntity>;

  @Column('uuid')
  lineManagementPartnerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'line_management_partner_id',
    foreignKeyConstraintName: 'fk_joint_role_line_management_partner',
  })
  lineManagementPartner?: Relation<OrganisationEntity>;

  @Column('uuid')
  supervisionPartnerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'supervision_partner_id',
    foreignKeyConstraintName: 'fk_joint_role_supervision_partner',
  })
  supervisionPartner?: Relation<OrganisationEntity>;

  /**
   * Goes up whenever the terms partners accept change (shares, partners, FTE, cost, dates, employment model);
   * an acceptance names the version it accepts.
   */
  @Column('int', { default: 1 })
  termsVersion: number;

  /** Pounds a year; reports split it by funding share. */
  @Column('numeric', { precision: 12, scale: 2, nullable: true, transformer: numericTransformer })
  annualCost: number | null;

  @OneToMany(() => JointRolePartnerEntity, (p) => p.jointRole)
  partners?: Relation<JointRolePartnerEntity[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
