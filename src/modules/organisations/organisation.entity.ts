import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationKind, Sector } from './organisation.enums.js';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'organisation' })
@Index('uq_organisation_name', { synchronize: false })
@Check('ck_organisation_name_not_blank', `length(btrim(name)) > 0`)
@Check(
  'ck_organisation_kind_sector',
  `(kind IN ('NHS_TRUST','NHS_FOUNDATION_TRUST','INTEGRATED_CARE_BOARD','PRIMARY_CARE') AND sector = 'HEALTH')` +
    ` OR (kind = 'LOCAL_AUTHORITY' AND sector = 'SOCIAL_CARE')` +
    ` OR kind IN ('INDEPENDENT_CARE_PROVIDER','VOLUNTARY_SECTOR')`,
)
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisation' })
  id: string;

  @Column('text')
  name: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'enum', enum: Sector, enumName: 'sector' })
  sector: Sector;

  @Index('uq_organisation_ods_code', { unique: true })
  @Column('text', { nullable: true })
  odsCode: string | null;

  @Index('uq_organisation_cqc_provider_id', { unique: true })
  @Column('text', { nullable: true })
  cqcProviderId: string | null;

  /** Goes up with every change to what it accepts from the other sector (optimistic locking). */
  @Column('int', { default: 0 })
  passportAcceptanceVersion: number;

  @OneToMany(() => TeamEntity, (team) => team.organisation)
  teams?: Relation<TeamEntity[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
