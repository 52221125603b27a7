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
  Unique,
} from 'typeorm';
import { TeamEntity } from '../organisations/team.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { DeliveryStatus, NotificationChannel, NotificationKind } from './notification.enums.js';

/** One inbox entry: for a person (a staff record) or for a team (its managers share it). */
@Entity({ name: 'notification' })
@Index('ix_notification_staff', { synchronize: false })
@Index('ix_notification_team', { synchronize: false })
@Index('uq_notification_staff_dedupe', { synchronize: false })
@Index('uq_notification_team_dedupe', { synchronize: false })
@Check('ck_notification_one_recipient', `(recipient_staff_id IS NULL) <> (recipient_team_id IS NULL)`)
@Check('ck_notification_read', `(read_at IS NULL) = (read_by IS NULL)`)
@Check('ck_notification_links', `jsonb_typeof(links) = 'object'`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Column('uuid', { nullable: true })
  recipientStaffId: string | null;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_staff_id', foreignKeyConstraintName: 'fk_notification_staff' })
  recipientStaff?: Relation<StaffMemberEntity>;

  @Column('uuid', { nullable: true })
  recipientTeamId: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_team_id', foreignKeyConstraintName: 'fk_notification_team' })
  recipientTeam?: Relation<TeamEntity>;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Column('jsonb', { default: () => `'{}'` })
  links: Record<string, string>;

  /** Same key and same recipient: stored once (reminders that may run twice). */
  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;

  /** The token subject of who marked it read (for a team's entry: which manager). */
  @Column('text', { nullable: true })
  readBy: string | null;
}

/** One outbound delivery of a notification on one channel (the transactional outbox). */
@Entity({ name: 'notification_delivery' })
@Unique('uq_notification_delivery_channel', ['notificationId', 'channel'])
@Index('ix_notification_delivery_due', { synchronize: false })
@Check('ck_notification_delivery_email', `channel <> 'EMAIL' OR address IS NOT NULL`)
@Check('ck_notification_delivery_delivered', `(status = 'DELIVERED') = (delivered_at IS NOT NULL)`)
@Check('ck_notification_delivery_attempts', `attempts >= 0`)
export class NotificationDeliveryEntity {
  /** Also the delivery id receivers deduplicate on. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification_delivery' })
  id: string;

  @Column('uuid')
  notificationId: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_notification_delivery_notification' })
  notification?: Relation<NotificationEntity>;

  @Column({ type: 'enum', enum: NotificationChannel, enumName: 'notification_channel' })
  channel: NotificationChannel;

  /** The e-mail address (webhooks go to the configured URL at the time of sending). */
  @Column('text', { nullable: true })
  address: string | null;

  @Column({
    type: 'enum',
    enum: DeliveryStatus,
    enumName: 'notification_delivery_status',
    default: DeliveryStatus.PENDING,
  })
  status: DeliveryStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt: Date;

  /** A worker's lease: nobody else takes the row before then (a worker that died loses it when it passes). */
  @Column('timestamptz', { nullable: true })
  claimedUntil: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;
}
