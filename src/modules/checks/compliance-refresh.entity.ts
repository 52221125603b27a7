import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { RotaEntity } from '../rotas/rota.entity.js';

/**
 * A published rota whose stored violations may be out of date: written by database triggers (migration
 * OneRotaWritePath) whenever something the check depends on changes, removed when the rota is checked again.
 */
@Entity({ name: 'compliance_refresh' })
export class ComplianceRefreshEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_compliance_refresh' })
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_compliance_refresh_rota' })
  rota?: Relation<RotaEntity>;

  @Column('timestamptz', { default: () => 'now()' })
  staleSince: Date;
}
