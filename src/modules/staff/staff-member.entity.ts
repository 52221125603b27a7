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
  UpdateDateColumn,
} from 'typeorm';
import { numericTransformer } from '../../common/database/transformers.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { PayFramework, RuleProfile, StaffGroup } from './staff.enums.js';

@Entity({ name: 'staff_member' })
@Index('uq_staff_member_email', { synchronize: false })
@Index('uq_staff_member_employee_number', { synchronize: false })
@Index('ix_staff_member_name', { synchronize: false })
@Check('ck_staff_member_names', `length(btrim(given_name)) > 0 AND length(btrim(family_name)) > 0`)
@Check(
  'ck_staff_member_contracted_hours',
  `contracted_hours_per_week >= 0 AND contracted_hours_per_week <= 168`,
)
@Check('ck_staff_member_opt_out_signed', `NOT working_time_opt_out OR opt_out_signed_on IS NOT NULL`)
export class StaffMemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_staff_member' })
  id: string;

  @Column('text')
  givenName: string;

  @Column('text')
  familyName: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Index('ix_staff_member_employer_id')
  @Column('uuid')
  employerId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'fk_staff_member_employer' })
  employer?: Relation<OrganisationEntity>;

  /** The employer's own payroll or assignment number. */
  @Column('text', { nullable: true })
  employeeNumber: string | null;

  @Column({ type: 'enum', enum: StaffGroup, enumName: 'staff_group' })
  staffGroup: StaffGroup;

  @Column('text')
  jobTitle: string;

  @Column({ type: 'enum', enum: PayFramework, enumName: 'pay_framework' })
  payFramework: PayFramework;

  @Column('text')
  payGrade: string;

  @Column('numeric', { precision: 5, scale: 2, transformer: numericTransformer })
  contractedHoursPerWeek: number;

  /** Signed the Working Time Regulations 1998 reg. 5 opt-out of the 48-hour average. */
  @Column('boolean', { default: false })
  workingTimeOptOut: boolean;

  @Column('date', { nullable: true })
  optOutSignedOn: string | null;

  @Column('date', { nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'enum', enum: RuleProfile, enumName: 'rule_profile', default: RuleProfile.STANDARD })
  ruleProfile: RuleProfile;

  @Index('ix_staff_member_home_team_id')
  @Column('uuid', { nullable: true })
  homeTeamId: string | null;

  /** The home team must belong to the employer: a composite key onto team (id, organisation_id). */
  @ManyToOne(() => TeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'home_team_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_staff_member_home_team',
    },
    { name: 'employer_id', referencedColumnName: 'organisationId' },
  ])
  homeTeam?: Relation<TeamEntity>;

  /** Personal contract limits for the pattern rules (max shifts of a type, min/max minutes, runs, weekends). */
  @Column('jsonb', { nullable: true })
  ruleLimits: {
    maxShiftsByType?: Record<string, number>;
    minTotalMinutes?: number;
    maxTotalMinutes?: number;
    maxConsecutiveShifts?: number;
    minConsecutiveShifts?: number;
    minConsecutiveDaysOff?: number;
    maxWeekends?: number;
  } | null;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
