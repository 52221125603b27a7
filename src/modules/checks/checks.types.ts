import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { AssignmentBasis } from '../rotas/rota.enums.js';
import { RuleSetPreset } from '../organisations/organisation.enums.js';
import { RULE_CODES } from '../../rota-core/index.js';
import { listOf } from '../../common/graphql/query-cost.js';

/** Every rule the checker knows, by code (rules.md): a closed set, so clients get an enum. */
export const RuleCode = Object.fromEntries(RULE_CODES.map((c) => [c, c])) as Record<string, string>;
export type RuleCode = string;
registerEnumType(RuleCode, {
  name: 'RuleCode',
  description: 'A rule of the checker (see ruleCatalogue).',
});

/** What a rule judges: one person's work, one shift's cover, or the spread across a team. */
export enum RuleScope {
  STAFF = 'STAFF',
  SHIFT = 'SHIFT',
  TEAM = 'TEAM',
}
registerEnumType(RuleScope, {
  name: 'RuleScope',
  valuesMap: {
    STAFF: { description: 'One person’s work (rest, hours, runs, passport…).' },
    SHIFT: { description: 'One shift’s cover and skill mix.' },
    TEAM: { description: 'The spread across the team (fairness).' },
  },
});

/** What a violation's measured value and limit count (rota-core's MeasureUnit). */
export enum MeasureUnit {
  MINUTES = 'MINUTES',
  SHIFTS = 'SHIFTS',
  DAYS = 'DAYS',
  WEEKENDS = 'WEEKENDS',
  PEOPLE = 'PEOPLE',
  PERCENTAGE_POINTS = 'PERCENTAGE_POINTS',
  SKILLS = 'SKILLS',
  OCCURRENCES = 'OCCURRENCES',
  WEEKS = 'WEEKS',
  PERCENT = 'PERCENT',
  PENALTY = 'PENALTY',
}
registerEnumType(MeasureUnit, {
  name: 'MeasureUnit',
  description: 'What a measured value and its limit, or a rule parameter, count.',
  valuesMap: {
    MINUTES: { description: 'Minutes of work or rest (hours × 60).' },
    SHIFTS: { description: 'Shifts (in a row, of a type, on a day).' },
    DAYS: { description: 'Days (in a row, worked or off).' },
    WEEKENDS: { description: 'Weekends worked.' },
    PEOPLE: { description: 'People on a shift (or skill-mix places filled).' },
    PERCENTAGE_POINTS: { description: 'Percentage points (a share against an agreed share).' },
    SKILLS: { description: 'Required skills held.' },
    OCCURRENCES: { description: 'Whether it happened: 1 (it did) against a limit of 0, or 0 against 1.' },
    WEEKS: { description: 'Weeks (a reference period; rule parameters only).' },
    PERCENT: { description: 'Percent (a tolerance; rule parameters only).' },
    PENALTY: { description: 'Penalty weight per unit short or over (rule parameters only).' },
  },
});

export enum ViolationSeverity {
  HARD = 'HARD',
  SOFT = 'SOFT',
}
registerEnumType(ViolationSeverity, {
  name: 'ViolationSeverity',
  valuesMap: {
    HARD: { description: 'Illegal or unsafe: blocks an assignment or publishing unless overridden.' },
    SOFT: { description: 'A cost to minimise.' },
  },
});

@ObjectType({
  description: 'One broken rule, explained: who, which shifts, the window measured, the value and the limit.',
})
export class Violation {
  @Field(() => RuleCode)
  ruleCode: string;

  @Field(() => ViolationSeverity)
  severity: ViolationSeverity;

  @Field(() => Float, {
    description: "In the rule's own unit: minutes short of rest, people short, hours over…",
  })
  penalty: number;

  @Field(() => ID, { nullable: true })
  staffId: string | null;

  @Field(() => [ID])
  shiftIds: string[];

  @Field()
  windowStart: Date;

  @Field()
  windowEnd: Date;

  @Field(() => Float, {
    nullable: true,
    description: "In `unit`. Null outside the person's employer (it can reveal their record).",
  })
  measured: number;

  @Field(() => Float, { nullable: true, description: 'As `measured`.' })
  limit: number;

  @Field(() => MeasureUnit, { description: 'What `measured` and `limit` count.' })
  unit: MeasureUnit;

  @Field({
    description:
      'One line a manager can act on. Outside the person’s employer: the rule and that it is broken, without the personal facts behind it.',
  })
  message: string;
}

@ObjectType({ description: 'The rules a change would break; nothing was written.' })
export class RuleViolations {
  @Field(() => [Violation], { complexity: listOf(10) })
  violations: Violation[];

  @Field(() => Int, {
    description: 'Hard breaches that refused the change: those it would add that no override waives.',
  })
  hardCount: number;

  @Field({ description: 'What to do: override the named hard rules with a reason, or change the request.' })
  message: string;
}

@ObjectType({ description: 'A full check of a rota.' })
export class RotaCheck {
  @Field(() => ID)
  rotaId: string;

  @Field(() => Int, { description: 'Hard violations on the rota as it stands.' })
  hardCount: number;

  @Field(() => Float, {
    description: 'Σ penalty of its soft violations, as it stands (a total, not a change).',
  })
  softPenalty: number;

  @Field(() => [Violation], { complexity: listOf(300) })
  violations: Violation[];
}

@ObjectType({ description: 'What one assignment would change (nothing is written).' })
export class AssignmentPreview {
  @Field(() => [Violation], {
    complexity: listOf(10),
    description: 'Violations it would add (new, or worse than now).',
  })
  violations: Violation[];

  @Field(() => [Violation], {
    complexity: listOf(10),
    description: 'Violations it would remove or reduce (as they are now).',
  })
  resolved: Violation[];

  @Field(() => Int, { description: 'Hard violations the assignment would add.' })
  hardCount: number;

  @Field(() => Float, { description: 'Change in the rota’s soft penalty (negative: better).' })
  softPenaltyDelta: number;

  @Field({ description: 'No hard rule would be broken.' })
  eligible: boolean;

  @Field(() => AssignmentBasis, {
    nullable: true,
    description: 'On what basis they could work there (null: none).',
  })
  basis: AssignmentBasis | null;
}

@ObjectType({ description: 'Someone who could cover a shift, and why they are or are not eligible.' })
export class EligibleCandidate {
  @Field(() => ID)
  staffId: string;

  @Field(() => AssignmentBasis, { nullable: true })
  basis: AssignmentBasis | null;

  @Field()
  eligible: boolean;

  @Field(() => [Violation], {
    complexity: listOf(5),
    description: 'Violations the assignment would add (the reasons if not eligible).',
  })
  violations: Violation[];

  @Field(() => Float, {
    description: 'Change in the rota’s soft penalty if they took the shift (negative: it improves the rota).',
  })
  softPenaltyDelta: number;
}

@InputType({
  description: 'Waives the named hard rules for this one change; the reason is recorded with who and when.',
})
export class OverrideInput {
  @Field()
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason: string;

  @Field(() => [RuleCode], { description: 'The hard rules waived (each must be one this change breaks).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  ruleCodes: string[];
}

export enum LimitDirection {
  MINIMUM = 'MINIMUM',
  MAXIMUM = 'MAXIMUM',
}
registerEnumType(LimitDirection, {
  name: 'LimitDirection',
  description: 'MINIMUM: the value may only rise (rest); MAXIMUM: it may only fall (hours).',
});

export enum LimitKind {
  STATUTORY = 'STATUTORY',
  CONTRACTUAL = 'CONTRACTUAL',
}
registerEnumType(LimitKind, {
  name: 'LimitKind',
  description:
    'STATUTORY: the Working Time Regulations 1998, every team. CONTRACTUAL: the NHS doctors’ 2016 terms, teams on NHS_DOCTORS_2016.',
});

@ObjectType({
  description:
    'A legal limit on a parameter: a rule set may make it stricter, never weaker without an ADMIN’s derogation.',
})
export class LegalLimitInfo {
  @Field(() => LimitKind)
  kind: LimitKind;

  @Field(() => LimitDirection)
  direction: LimitDirection;

  @Field(() => Float)
  value: number;

  @Field()
  source: string;

  @Field(() => [RuleSetPreset], { nullable: true, description: 'The presets it binds; null: every team.' })
  presets: RuleSetPreset[] | null;
}

@ObjectType()
export class RuleParameterInfo {
  @Field()
  name: string;

  @Field(() => MeasureUnit, { description: 'What its value counts.' })
  unit: MeasureUnit;

  @Field({ description: 'What the value means, in words.' })
  description: string;

  @Field({ description: 'The Working Time Regulations set a limit on it for every team.' })
  statutory: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'The statutory minimum (the value may only rise); null when none.',
  })
  floor: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The statutory maximum (the value may only fall); null when none.',
  })
  ceiling: number | null;

  @Field(() => String, { nullable: true, description: 'Where the statutory limit comes from.' })
  source: string | null;

  @Field(() => [LegalLimitInfo], {
    complexity: listOf(2),
    description: 'Every statutory or contractual limit on it (some depend on the preset).',
  })
  limits: LegalLimitInfo[];
}

@ObjectType({
  description: 'A rule of the checker: what it checks, its default severity and its parameters.',
})
export class RuleInfo {
  @Field(() => RuleCode)
  code: string;

  @Field()
  summary: string;

  @Field(() => RuleScope)
  scope: RuleScope;

  @Field(() => MeasureUnit, { description: 'What its violations’ measured value and limit count.' })
  unit: MeasureUnit;

  @Field({
    description:
      'Its violations’ measured value, limit and message draw on the person’s own record (contract, age, passport, absences…): outside their employer those read null and a general message.',
  })
  personalDetails: boolean;

  @Field(() => ViolationSeverity)
  defaultSeverity: ViolationSeverity;

  @Field({
    description:
      'A statutory rule: a rule set may not lower its severity below HARD, switch it OFF or weaken its parameters without a derogation.',
  })
  statutory: boolean;

  @Field(() => [RuleParameterInfo], { complexity: listOf(4) })
  parameters: RuleParameterInfo[];
}
