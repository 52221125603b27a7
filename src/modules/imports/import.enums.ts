import { registerEnumType } from '@nestjs/graphql';

/** What a CSV file holds (README, "Bulk import"). */
export enum ImportKind {
  STAFF = 'STAFF',
  CREDENTIALS = 'CREDENTIALS',
  ABSENCES = 'ABSENCES',
  PLACEMENTS = 'PLACEMENTS',
  APPOINTMENTS = 'APPOINTMENTS',
  ROTAS = 'ROTAS',
}

export enum ImportStatus {
  /** Being validated and written. */
  RUNNING = 'RUNNING',
  /** Every row was valid and was written, in one transaction. */
  SUCCEEDED = 'SUCCEEDED',
  /** A dry run with no errors: nothing was written. */
  VALIDATED = 'VALIDATED',
  /** Some row (or the header) had errors: nothing was written. */
  REJECTED = 'REJECTED',
  /** The service failed (database unavailable, timeout…): nothing was written. */
  FAILED = 'FAILED',
}

registerEnumType(ImportKind, { name: 'ImportKind' });
registerEnumType(ImportStatus, { name: 'ImportStatus' });
