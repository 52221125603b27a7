import { registerEnumType } from '@nestjs/graphql';

export enum AbsenceKind {
  ANNUAL_LEAVE = 'ANNUAL_LEAVE',
  SICKNESS = 'SICKNESS',
  TRAINING = 'TRAINING',
  PARENTAL = 'PARENTAL',
  COMPASSIONATE = 'COMPASSIONATE',
  STUDY = 'STUDY',
  OTHER = 'OTHER',
}

export enum AbsenceStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum Decision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

export enum ShiftRequestKind {
  /** Wants to work that shift. */
  ON = 'ON',
  /** Does not want to work it. */
  OFF = 'OFF',
}

registerEnumType(AbsenceKind, { name: 'AbsenceKind' });
registerEnumType(AbsenceStatus, { name: 'AbsenceStatus' });
registerEnumType(Decision, { name: 'Decision' });
registerEnumType(ShiftRequestKind, { name: 'ShiftRequestKind' });
