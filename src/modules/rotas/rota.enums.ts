import { registerEnumType } from '@nestjs/graphql';

export enum RotaStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}

export enum AssignmentBasis {
  /** The team belongs to the person's employer. */
  EMPLOYMENT = 'EMPLOYMENT',
  /** An approved placement covers the date and the team. */
  PLACEMENT = 'PLACEMENT',
  /** An active joint-role appointment whose partners include the team's organisation. */
  JOINT_ROLE = 'JOINT_ROLE',
}

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** ISO weekday numbers (Monday = 1), as luxon counts them. */
export const WEEKDAY_NUMBER: Record<Weekday, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

registerEnumType(RotaStatus, { name: 'RotaStatus' });
registerEnumType(AssignmentBasis, { name: 'AssignmentBasis' });
registerEnumType(Weekday, { name: 'Weekday' });
