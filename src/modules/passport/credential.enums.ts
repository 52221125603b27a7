import { registerEnumType } from '@nestjs/graphql';

/**
 * Whether the person's employer has accepted a credential. Only ACCEPTED (and unrevoked) credentials count —
 * for readiness, passport gaps, the SKILL_REQUIRED rule, skill searches and reports.
 */
export enum CredentialAcceptance {
  /** Attested by another organisation's HR: waits for the employer's HR. */
  PENDING_ACCEPTANCE = 'PENDING_ACCEPTANCE',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

registerEnumType(CredentialAcceptance, {
  name: 'CredentialAcceptance',
  description: 'Whether the employer has accepted a credential; only ACCEPTED ones count.',
  valuesMap: {
    PENDING_ACCEPTANCE: {
      description: 'Attested by another organisation: it counts once the employer’s HR accepts it.',
    },
    ACCEPTED: { description: 'Recorded or accepted by the employer’s HR: it counts.' },
    DECLINED: { description: 'The employer’s HR declined it (with a reason): it never counts.' },
  },
});
