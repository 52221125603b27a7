import { registerEnumType } from '@nestjs/graphql';

export enum JointRoleStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

/** A partner's answer to its funding and time share: a role is ACTIVE only when every partner has ACCEPTED. */
export enum ShareAcceptance {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

/** An appointment needs the appointee's employer: only CONSENTED ones authorise rostering and count. */
export enum AppointmentStatus {
  /** Proposed by another partner's HR: waits for the employer's HR. */
  PROPOSED = 'PROPOSED',
  CONSENTED = 'CONSENTED',
  DECLINED = 'DECLINED',
}

export enum EmploymentModel {
  JOINT_EMPLOYMENT = 'JOINT_EMPLOYMENT',
  SECONDMENT = 'SECONDMENT',
  HONORARY_CONTRACT = 'HONORARY_CONTRACT',
  LICENCE_TO_ATTEND = 'LICENCE_TO_ATTEND',
  WORKFORCE_SHARING_AGREEMENT = 'WORKFORCE_SHARING_AGREEMENT',
}

registerEnumType(JointRoleStatus, {
  name: 'JointRoleStatus',
  valuesMap: {
    DRAFT: {
      description: 'Not (or no longer) agreed by every partner: its appointments do not authorise work.',
    },
    ACTIVE: { description: 'Every partner’s HR has accepted its funding and time share.' },
    ENDED: { description: 'Over; its terms can no longer change.' },
  },
});
registerEnumType(ShareAcceptance, {
  name: 'ShareAcceptance',
  description: 'A partner’s answer to its funding and time share of a joint role.',
});
registerEnumType(AppointmentStatus, {
  name: 'JointRoleAppointmentStatus',
  valuesMap: {
    PROPOSED: { description: 'Waiting for the consent of the appointee’s employer (its HR).' },
    CONSENTED: { description: 'The employer consented (or appointed): it authorises work at every partner.' },
    DECLINED: { description: 'The employer declined it: it never counts.' },
  },
});
registerEnumType(EmploymentModel, { name: 'EmploymentModel' });
