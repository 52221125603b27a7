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
import { TeamEntity } from '../organisations/team.entity.js';
import { RotaStatus } from './rota.enums.js';

/** A team's plan for a date range (inclusive), DRAFT then PUBLISHED; `version` counts every change. */
@Entity({ name: 'rota' })
@Index('ix_rota_team_dates', ['teamId', 'startDate'])
// Two rotas of one team never cover the same day.
@Exclusion(
  'ex_rota_team_period',
  `USING gist ("team_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&)`,
)
@Check('ck_rota_period', `end_date >= start_date AND end_date - start_date < 182`)
@Check('ck_rota_version', `version >= 1`)
@Check('ck_rota_published', `(status = 'PUBLISHED') = (published_at IS NOT NULL)`)
export class RotaEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rota' })
  id: string;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_rota_team' })
  team?: Relation<TeamEntity>;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('date')
  startDate: string;

  @Column('date')
  endDate: string;

  @Column({ type: 'enum', enum: RotaStatus, enumName: 'rota_status', default: RotaStatus.DRAFT })
  status: RotaStatus;

  @Column('int', { default: 1 })
  version: number;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('text', { nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
