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
  UpdateDateColumn,
} from 'typeorm';
import { RuleSetPreset, TeamKind } from './organisation.enums.js';
import { OrganisationEntity } from './organisation.entity.js';

export interface StoredDerogation {
  ruleCode: string;
  param: string | null;
  reason: string;
  /** The token subject of the ADMIN who allowed it. */
  grantedBy: string;
  /** ISO instant. */
  grantedAt: string;
}

@Entity({ name: 'team' })
@Index('uq_team_organisation_name', { synchronize: false })
@Check('ck_team_name_not_blank', `length(btrim(name)) > 0`)
// (id, organisation_id) is unique so staff can point at a home team *of their employer* with one foreign key.
@Unique('uq_team_id_organisation', ['id', 'organisationId'])
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_team' })
  id: string;

  @Index('ix_team_organisation_id')
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, (o) => o.teams, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_team_organisation' })
  organisation?: Relation<OrganisationEntity>;

  @Column('text')
  name: string;

  @Column({ type: 'enum', enum: TeamKind, enumName: 'team_kind' })
  kind: TeamKind;

  /** IANA zone the team's days, nights and weekends are measured in. */
  @Column('text', { default: 'Europe/London' })
  timeZone: string;

  /** The preset its rotas are checked against. */
  @Column({ type: 'enum', enum: RuleSetPreset, enumName: 'rule_set_preset', default: RuleSetPreset.WTR_1998 })
  ruleSetPreset: RuleSetPreset;

  /** Per rule: severity (HARD, SOFT, OFF) and parameter values replacing the preset's. */
  @Column('jsonb', { default: () => `'{}'` })
  ruleSetOverrides: Record<
    string,
    { severity?: 'HARD' | 'SOFT' | 'OFF'; params?: Record<string, number | null> }
  >;

  /**
   * Weakenings of legal limits (rota-core presets/floors.ts) an ADMIN has allowed, with the reason, who and when.
   * `param` null: the rule's severity (lowered or OFF).
   */
  @Column('jsonb', { default: () => `'[]'` })
  ruleSetDerogations: StoredDerogation[];

  /** Pairs of shift type codes that may not follow each other on consecutive days (FORBIDDEN_SEQUENCE). */
  @Column('jsonb', { default: () => `'[]'` })
  ruleSetForbiddenSequences: Array<{ first: string; then: string }>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
