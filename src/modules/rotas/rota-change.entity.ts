import { RotaOperation } from './rota.enums.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { RotaEntity } from './rota.entity.js';

/** A change made to a published rota, with the reason given: what staff and auditors see changed. */
@Entity({ name: 'rota_change' })
@Index('ix_rota_change_rota_id', ['rotaId', 'version'])
export class RotaChangeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rota_change' })
  id: string;

  @Column('uuid')
  rotaId: string;

  @ManyToOne(() => RotaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rota_id', foreignKeyConstraintName: 'fk_rota_change_rota' })
  rota?: Relation<RotaEntity>;

  /** The rota version this change produced. */
  @Column('int')
  version: number;

  @Column('text')
  operation: RotaOperation;

  @Column('text')
  reason: string;

  @Column('jsonb', { default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column('text')
  changedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  changedAt: Date;
}
