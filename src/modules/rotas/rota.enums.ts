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
  /** An approved claim on an open shift (under a bank agreement, or the host's own staff). */
  BANK = 'BANK',
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

/** The change that made a rota's new version (kept in rota.changes): the mutation's name, as the database stores it. */
export enum RotaOperation {
  ADD_SHIFTS = 'addShifts',
  ADD_SHIFTS_FROM_PATTERN = 'addShiftsFromPattern',
  APPLY_SOLVE_RUN = 'applySolveRun',
  ASSIGN_STAFF = 'assignStaff',
  BULK_ASSIGN = 'bulkAssign',
  COPY_ROTA = 'copyRota',
  DECIDE_OPEN_SHIFT_CLAIM = 'decideOpenShiftClaim',
  DECIDE_SHIFT_SWAP = 'decideShiftSwap',
  CREATE_ROTA_FROM_TEMPLATE = 'createRotaFromTemplate',
  MOVE_ASSIGNMENT = 'moveAssignment',
  PUBLISH_ROTA = 'publishRota',
  REMOVE_SHIFT = 'removeShift',
  SWAP_ASSIGNMENTS = 'swapAssignments',
  UNASSIGN_STAFF = 'unassignStaff',
  UNPUBLISH_ROTA = 'unpublishRota',
  UPDATE_SHIFT = 'updateShift',
  UPDATE_SHIFT_TYPE = 'updateShiftType',
}

registerEnumType(RotaStatus, { name: 'RotaStatus' });
registerEnumType(RotaOperation, {
  name: 'RotaOperation',
  description: 'The mutation that made a rota version (ASSIGN_STAFF is assignStaff, and so on).',
});
registerEnumType(AssignmentBasis, { name: 'AssignmentBasis' });
registerEnumType(Weekday, { name: 'Weekday' });
