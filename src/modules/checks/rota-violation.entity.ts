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
import { numericTransformer } from '../../common/database/transformers.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { RotaEntity } from '../rotas/rota.entity.js';

/**
 * A published rota's violations as last checked: written when the rota is published and again, in the same
 * transaction, by every change made to it afterwards. The compliance report aggregates these rows in SQL.
 */
@Entity({ name: 'rota_violation' })
@Index('ix_rota_violation_team_window', ['teamId', 'windowStart'])
@Check('ck_rota_violation_severity', `severity IN ('HARD', 'SOFT')`)
@Check('ck_rota_violation_window', `window_end >= window_start`)
export class RotaViolationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rota_violation' })
  id: string;

  @Index('ix_rota_violation_rota_id')
  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_rota_violation_rota' })
  rota?: Relation<RotaEntity>;

  @Column('uuid')
  teamId: string;

  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_rota_violation_team' })
  team?: Relation<TeamEntity>;

  @Column('text')
  ruleCode: string;

  @Column('text')
  severity: 'HARD' | 'SOFT';

  @Column('numeric', { precision: 14, scale: 2, transformer: numericTransformer })
  penalty: number;

  @Column('uuid', { nullable: true })
  staffId: string | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  shiftIds: string[];

  @Column('timestamptz')
  windowStart: Date;

  @Column('timestamptz')
  windowEnd: Date;

  @Column('numeric', { precision: 14, scale: 2, transformer: numericTransformer })
  measured: number;

  @Column('numeric', { precision: 14, scale: 2, transformer: numericTransformer })
  limit: number;

  @Column('text')
  message: string;

  @Column('timestamptz', { default: () => 'now()' })
  checkedAt: Date;
}
