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
import type { StoredGap } from '../joint-roles/joint-role-appointment.entity.js';
import { Decision } from '../absences/absence.enums.js';
import { PlacementSide } from './placement.enums.js';
import { PlacementEntity } from './placement.entity.js';

/** One side's decision on a placement, kept for ever with the readiness computed at that moment. */
@Entity({ name: 'placement_decision' })
@Index('uq_placement_decision_side', ['placementId', 'side'], { unique: true })
@Check(
  'ck_placement_decision_override',
  `NOT override_gaps OR (comment IS NOT NULL AND length(btrim(comment)) > 0)`,
)
export class PlacementDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_placement_decision' })
  id: string;

  @Column('uuid')
  placementId: string;

  @ManyToOne(() => PlacementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_placement_decision_placement' })
  placement?: Relation<PlacementEntity>;

  @Column({ type: 'enum', enum: PlacementSide, enumName: 'placement_side' })
  side: PlacementSide;

  @Column({ type: 'enum', enum: Decision, enumName: 'decision' })
  decision: Decision;

  /** Why (the column keeps its first name). */
  @Column('text', { name: 'comment', nullable: true })
  reason: string | null;

  /** Gaps at the host team on the start date when this decision was made. */
  @Column('jsonb', { default: () => `'[]'` })
  readiness: StoredGap[];

  /** The host approved despite gaps (with the reason). */
  @Column('boolean', { default: false })
  overrideGaps: boolean;

  @Column('text')
  decidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;
}
