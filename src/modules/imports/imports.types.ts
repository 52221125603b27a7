import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { listOf } from '../../common/graphql/query-cost.js';
import { ImportKind, ImportStatus } from './import.enums.js';
import { UserField } from '../users/user.types.js';

/** The largest CSV text accepted (characters): under the 1 MB request body limit, with room for the query. */
export const MAX_CSV_CHARS = 950_000;
/** The most data rows one file may hold. */
export const MAX_ROWS = 2_000;

@InputType({ description: 'One CSV file to import (README, "Bulk import", gives the columns of each kind).' })
export class ImportCsvInput {
  @Field(() => ImportKind)
  @IsEnum(ImportKind)
  kind: ImportKind;

  @Field(() => ID, {
    description: 'The organisation whose people (or teams, for ROTAS) the file is about; you must be its HR.',
  })
  @IsUUID()
  organisationId: string;

  @Field({
    description: `The file: a header row naming the columns, then one row per record (at most ${MAX_ROWS} rows, ${MAX_CSV_CHARS} characters).`,
  })
  @IsString()
  @MaxLength(MAX_CSV_CHARS)
  csv: string;

  @Field({ nullable: true, defaultValue: false, description: 'Validate every row, write nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ObjectType({ description: 'One problem with one line of an imported file (line 1 is the header).' })
export class ImportRowError {
  @Field(() => Int)
  line: number;

  @Field(() => String, { nullable: true, description: 'The column at fault, when one is.' })
  column: string | null;

  @Field({
    description:
      'MISSING_COLUMN, UNKNOWN_COLUMN, DUPLICATE_COLUMN, COLUMN_COUNT, CSV_SYNTAX, REQUIRED, INVALID_DATE, INVALID_NUMBER, INVALID_VALUE, NOT_FOUND, AMBIGUOUS, NOT_IN_ORGANISATION, NOT_PAST, TOO_MANY_ROWS, INTERRUPTED, and the codes of the write path (BAD_USER_INPUT, CONFLICT, FORBIDDEN…).',
  })
  code: string;

  @Field()
  message: string;
}

@ObjectType({
  description:
    'A CSV import and how it went: all-or-nothing per file — any error and nothing is written (status REJECTED).',
})
export class ImportResult {
  @Field(() => ID)
  id: string;

  @Field(() => ImportKind)
  kind: ImportKind;

  @Field(() => ID)
  organisationId: string;

  @Field()
  dryRun: boolean;

  @Field(() => ImportStatus)
  status: ImportStatus;

  @UserField({ description: 'Who imported it.' })
  requestedBy: string;

  @Field(() => Int, { description: 'Data rows in the file (the header not counted).' })
  rowsTotal: number;

  @Field(() => Int, { description: 'Rows without any error.' })
  rowsValid: number;

  @Field(() => Int, { description: 'Rows written (0 unless SUCCEEDED).' })
  rowsWritten: number;

  @Field(() => Int, { description: 'Every problem found; `errors` keeps the first 200.' })
  errorCount: number;

  @Field(() => [ImportRowError], { complexity: listOf(200) })
  errors: ImportRowError[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
