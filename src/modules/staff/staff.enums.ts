import { registerEnumType } from '@nestjs/graphql';

export enum StaffGroup {
  NURSING = 'NURSING',
  MIDWIFERY = 'MIDWIFERY',
  MEDICAL = 'MEDICAL',
  ALLIED_HEALTH = 'ALLIED_HEALTH',
  SOCIAL_WORK = 'SOCIAL_WORK',
  CARE_AND_SUPPORT = 'CARE_AND_SUPPORT',
  ADMIN = 'ADMIN',
}

export enum PayFramework {
  /** NHS Agenda for Change: bands 1–9 (8a–8d). */
  AGENDA_FOR_CHANGE = 'AGENDA_FOR_CHANGE',
  /** NHS medical and dental: doctor grades. */
  MEDICAL_AND_DENTAL = 'MEDICAL_AND_DENTAL',
  /** Local government (NJC) pay spine: spinal column points. */
  LOCAL_GOVERNMENT = 'LOCAL_GOVERNMENT',
  /** An independent or voluntary provider's own grades. */
  PROVIDER = 'PROVIDER',
}

/** Which extra rule preset applies to the person wherever they work. */
export enum RuleProfile {
  STANDARD = 'STANDARD',
  /** NHS doctors in training: the 2016 terms (amended 2019) apply on top of the team's rule set. */
  DOCTOR_IN_TRAINING = 'DOCTOR_IN_TRAINING',
}

registerEnumType(StaffGroup, { name: 'StaffGroup' });
registerEnumType(PayFramework, { name: 'PayFramework' });
registerEnumType(RuleProfile, { name: 'RuleProfile' });

const AFC_BANDS = ['1', '2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9'];
const DOCTOR_GRADES = [
  'FY1',
  'FY2',
  'CT1',
  'CT2',
  'CT3',
  'ST1',
  'ST2',
  'ST3',
  'ST4',
  'ST5',
  'ST6',
  'ST7',
  'ST8',
  'SPECIALTY_DOCTOR',
  'SPECIALIST',
  'CONSULTANT',
];
const NJC_POINTS = Array.from({ length: 43 }, (_, i) => `SCP ${i + 1}`);

/** The grades each national framework knows; providers' own grades are free text. */
export const PAY_GRADES: Record<PayFramework, readonly string[] | null> = {
  AGENDA_FOR_CHANGE: AFC_BANDS,
  MEDICAL_AND_DENTAL: DOCTOR_GRADES,
  LOCAL_GOVERNMENT: NJC_POINTS,
  PROVIDER: null,
};
