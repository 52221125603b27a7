import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';

/**
 * A person who signs in, as their identity provider names them: the token's subject, the name it carries and the
 * staff record it points at. Written by every write transaction (`stampTransaction`), so whoever decided,
 * requested or changed something has a row here; read to name people in the API instead of their login ids.
 */
@Entity({ name: 'app_user' })
@Check('ck_app_user_subject', `length(subject) BETWEEN 1 AND 255`)
@Check('ck_app_user_name', `name IS NULL OR length(btrim(name)) BETWEEN 1 AND 200`)
export class AppUserEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_app_user' })
  subject: string;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('uuid', { nullable: true })
  staffId: string | null;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_app_user_staff' })
  staff?: Relation<StaffMemberEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  firstSeenAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
