import { registerEnumType } from '@nestjs/graphql';

export enum BankAgreementStatus {
  /** One side proposed it; the other has not decided. */
  PROPOSED = 'PROPOSED',
  /** Both sides approved: each one's staff may claim the other's open shifts. */
  ACTIVE = 'ACTIVE',
  /** The other side rejected it. */
  DECLINED = 'DECLINED',
  /** The proposer took it back before the other side decided. */
  WITHDRAWN = 'WITHDRAWN',
  /** Either side ended it. */
  ENDED = 'ENDED',
}

export enum OpenShiftStatus {
  OPEN = 'OPEN',
  /** Every place is taken by an approved claim. */
  FILLED = 'FILLED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum OpenShiftClaimStatus {
  /** Holds a place until the host's manager decides. */
  PENDING = 'PENDING',
  /** On the rota (its assignment carries the BANK basis). */
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  /** The claimant took it back. */
  WITHDRAWN = 'WITHDRAWN',
  /**
   * The open shift was withdrawn or the bank agreement ended while it was pending, or its bank shift was later
   * taken off the rota (the place is free again).
   */
  CANCELLED = 'CANCELLED',
}

export enum ShiftSwapStatus {
  /** Waiting for the colleague. */
  PROPOSED = 'PROPOSED',
  /** The colleague agreed; waiting for the manager. */
  ACCEPTED = 'ACCEPTED',
  /** The manager approved: the rota changed. */
  APPROVED = 'APPROVED',
  /** The colleague said no. */
  DECLINED = 'DECLINED',
  /** The manager said no. */
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(BankAgreementStatus, { name: 'BankAgreementStatus' });
registerEnumType(OpenShiftStatus, { name: 'OpenShiftStatus' });
registerEnumType(OpenShiftClaimStatus, { name: 'OpenShiftClaimStatus' });
registerEnumType(ShiftSwapStatus, { name: 'ShiftSwapStatus' });
