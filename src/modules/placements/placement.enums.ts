import { registerEnumType } from '@nestjs/graphql';

export enum PlacementKind {
  SECONDMENT = 'SECONDMENT',
  ROTATION = 'ROTATION',
  SHORT_TERM_DEPLOYMENT = 'SHORT_TERM_DEPLOYMENT',
  MUTUAL_AID = 'MUTUAL_AID',
}

export enum PlacementStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  CANCELLED = 'CANCELLED',
}

/** Derived from the dates, never stored. */
export enum PlacementPhase {
  UPCOMING = 'UPCOMING',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

export enum PlacementSide {
  HOME = 'HOME',
  HOST = 'HOST',
}

registerEnumType(PlacementKind, { name: 'PlacementKind' });
registerEnumType(PlacementStatus, { name: 'PlacementStatus' });
registerEnumType(PlacementPhase, { name: 'PlacementPhase' });
registerEnumType(PlacementSide, { name: 'PlacementSide' });
