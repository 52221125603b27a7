import { registerEnumType } from '@nestjs/graphql';

/** What a notification announces. */
export enum NotificationKind {
  ROTA_PUBLISHED = 'ROTA_PUBLISHED',
  ROTA_CHANGED = 'ROTA_CHANGED',
  PLACEMENT_DECIDED = 'PLACEMENT_DECIDED',
  LEAVE_DECIDED = 'LEAVE_DECIDED',
  OPEN_SHIFT_AVAILABLE = 'OPEN_SHIFT_AVAILABLE',
  OPEN_SHIFT_CLAIMED = 'OPEN_SHIFT_CLAIMED',
  OPEN_SHIFT_CLAIM_DECIDED = 'OPEN_SHIFT_CLAIM_DECIDED',
  SWAP_REQUESTED = 'SWAP_REQUESTED',
  SWAP_ACCEPTED = 'SWAP_ACCEPTED',
  SWAP_DECIDED = 'SWAP_DECIDED',
  BANK_AGREEMENT_PROPOSED = 'BANK_AGREEMENT_PROPOSED',
  BANK_AGREEMENT_DECIDED = 'BANK_AGREEMENT_DECIDED',
  CREDENTIAL_EXPIRING = 'CREDENTIAL_EXPIRING',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification announces.',
});

/** How a notification leaves the service besides the inbox. */
export enum NotificationChannel {
  WEBHOOK = 'WEBHOOK',
  EMAIL = 'EMAIL',
}

/** Where one outbound delivery stands. */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Given up after the last attempt (kept, with its last error). */
  FAILED = 'FAILED',
}
