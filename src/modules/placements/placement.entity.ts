import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { numericTransformer } from '../../common/database/transformers.js';
import type { StoredGap } from '../joint-roles/joint-role-appointment.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { PlacementKind, PlacementStatus } from './placement.enums.js';

/**
 * A staff member working at a host team outside their employer for a period. Status moves only forward
 * (REQUESTED → APPROVED | REJECTED | WITHDRAWN | CANCELLED); two approved placements of one person never overlap.
 */
@Entity({ name: 'placement' })
@Exclusion(
  'ex_placement_staff_overlap',
  `USING gist ("staff_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&) WHERE ("status" = 'APPROVED')`,
)
@Check('ck_placement_period', `end_date >= start_date AND end_date - start_date <= 731`)
@Check('ck_placement_hours', `hours_per_week > 0 AND hours_per_week <= 168`)
@Check('ck_placement_outside_employer', `host_organisation_id <> home_organisation_id`)
@Check('ck_placement_withdrawn', `(status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL)`)
@Check('ck_placement_cancelled', `(status = 'CANCELLED') = (cancelled_at IS NOT NULL)`)
@Index('ix_placement_staff', ['staffId', 'startDate'])
@Index('ix_placement_host_team', ['hostTeamId', 'startDate'])
export class PlacementEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_placement' })
  id: string;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_placement_staff' })
  staff?: Relation<StaffMemberEntity>;

  /** The employer when requested. */
  @Index('ix_placement_home_organisation')
  @Column('uuid')
  homeOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_organisation_id', foreignKeyConstraintName: 'fk_placement_home_organisation' })
  homeOrganisation?: Relation<OrganisationEntity>;

  @Column('uuid')
  hostTeamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'host_team_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_placement_host_team' },
    { name: 'host_organisation_id', referencedColumnName: 'organisationId' },
  ])
  hostTeam?: Relation<TeamEntity>;

  @Index('ix_placement_host_organisation')
  @Column('uuid')
  hostOrganisationId: string;

  @Column({ type: 'enum', enum: PlacementKind, enumName: 'placement_kind' })
  kind: PlacementKind;

  @Column('date')
  startDate: string;

  @Column('date')
  endDate: string;

  @Column('numeric', { precision: 5, scale: 2, transformer: numericTransformer })
  hoursPerWeek: number;

  @Column('text')
  reason: string;

  @Column({
    type: 'enum',
    enum: PlacementStatus,
    enumName: 'placement_status',
    default: PlacementStatus.REQUESTED,
  })
  status: PlacementStatus;

  @Column('text')
  requestedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  /** Passport gaps at the host team on the start date, when requested. */
  @Column('jsonb', { default: () => `'[]'` })
  readinessAtRequest: StoredGap[];

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('text', { nullable: true })
  withdrawnBy: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelledBy: string | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
