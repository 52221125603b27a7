import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';

/**
 * A staff member's calendar-feed token: a random secret kept only as its SHA-256, separate from API tokens, valid
 * until revoked. One live token per person (issuing a new one revokes the old).
 */
@Entity({ name: 'calendar_token' })
@Index('uq_calendar_token_live_staff', ['staffId'], { unique: true, where: 'revoked_at IS NULL' })
export class CalendarTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_calendar_token' })
  id: string;

  @Column('uuid')
  staffId: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_calendar_token_staff' })
  staff?: Relation<StaffMemberEntity>;

  @Index('uq_calendar_token_hash', { unique: true })
  @Column('text')
  tokenHash: string;

  @Column('text')
  issuedBy: string;

  @Column('timestamptz', { default: () => 'now()' })
  issuedAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedBy: string | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;
}
