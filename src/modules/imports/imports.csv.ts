import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { StoredImportError } from './data-import.entity.js';

/** A data row of the file: its line number (line 1 is the header) and its values by column (blank: absent). */
export interface CsvRow {
  line: number;
  values: Record<string, string | undefined>;
}

export interface ParsedCsv {
  rows: CsvRow[];
  /** Problems with the file itself (syntax, header): when there are any, no row is looked at. */
  errors: StoredImportError[];
}

/**
 * Parses CSV text whose first row names the columns: `required` must all appear, every column must be known
 * (`required` or `optional`), none twice. Values are trimmed; empty ones read as absent; blank lines are skipped.
 */
export function parseCsv(text: string, required: readonly string[], optional: readonly string[]): ParsedCsv {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return {
      rows: [],
      errors: [{ line: err.lines ?? 1, column: null, code: 'CSV_SYNTAX', message: err.message }],
    };
  }
  if (records.length === 0) {
    return {
      rows: [],
      errors: [
        { line: 1, column: null, code: 'REQUIRED', message: 'the file is empty: a header row is required' },
      ],
    };
  }
  const [head, ...body] = records;
  const header = head!.record;
  const headerLine = head!.info.lines;
  const known = new Set([...required, ...optional]);
  const errors: StoredImportError[] = [];
  const seen = new Set<string>();
  header.forEach((name) => {
    if (!known.has(name)) {
      errors.push({
        line: headerLine,
        column: name,
        code: 'UNKNOWN_COLUMN',
        message: `unknown column "${name}" (expected ${[...known].join(', ')})`,
      });
    } else if (seen.has(name)) {
      errors.push({
        line: headerLine,
        column: name,
        code: 'DUPLICATE_COLUMN',
        message: `column "${name}" appears twice`,
      });
    }
    seen.add(name);
  });
  for (const name of required) {
    if (!seen.has(name))
      errors.push({
        line: headerLine,
        column: name,
        code: 'MISSING_COLUMN',
        message: `the column "${name}" is required`,
      });
  }
  if (errors.length) return { rows: [], errors };
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    if (record.length !== header.length) {
      errors.push({
        line: info.lines,
        column: null,
        code: 'COLUMN_COUNT',
        message: `has ${record.length} value(s) where the header names ${header.length} column(s)`,
      });
      continue;
    }
    const values: Record<string, string | undefined> = {};
    header.forEach((name, i) => {
      const v = record[i];
      values[name] = v === undefined || v === '' ? undefined : v;
    });
    rows.push({ line: info.lines, values });
  }
  return { rows, errors };
}

/** Reads one row's cells, collecting every problem instead of stopping at the first. */
export class RowReader {
  readonly errors: StoredImportError[] = [];

  constructor(readonly row: CsvRow) {}

  problem(column: string | null, code: string, message: string): void {
    this.errors.push({ line: this.row.line, column, code, message });
  }

  text(column: string, required: true): string;
  text(column: string, required?: false): string | undefined;
  text(column: string, required = false): string | undefined {
    const v = this.row.values[column];
    if (v === undefined && required) this.problem(column, 'REQUIRED', `${column} is required`);
    return v;
  }

  date(column: string, required: true): string;
  date(column: string, required?: false): string | undefined;
  date(column: string, required = false): string | undefined {
    const v = this.text(column, required as true);
    if (v === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !DateTime.fromISO(v, { zone: 'utc' }).isValid) {
      this.problem(column, 'INVALID_DATE', `"${v}" is not a date (YYYY-MM-DD)`);
      return undefined;
    }
    return v;
  }

  instant(column: string): Date | undefined {
    const v = this.text(column);
    if (v === undefined) return undefined;
    const d = DateTime.fromISO(v, { setZone: true });
    if (!d.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
      this.problem(column, 'INVALID_DATE', `"${v}" is not an instant with an offset (2024-05-01T09:00:00Z)`);
      return undefined;
    }
    return d.toJSDate();
  }

  number(column: string, required: true): number;
  number(column: string, required?: false): number | undefined;
  number(column: string, required = false): number | undefined {
    const v = this.text(column, required as true);
    if (v === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(v)) {
      this.problem(column, 'INVALID_NUMBER', `"${v}" is not a number`);
      return undefined;
    }
    return Number(v);
  }

  boolean(column: string): boolean | undefined {
    const v = this.text(column);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (['true', 'yes', 'y', '1'].includes(lower)) return true;
    if (['false', 'no', 'n', '0'].includes(lower)) return false;
    this.problem(column, 'INVALID_VALUE', `"${v}" is not true or false`);
    return undefined;
  }

  choice<E extends string>(column: string, values: Record<string, E>, required: true): E;
  choice<E extends string>(column: string, values: Record<string, E>, required?: false): E | undefined;
  choice<E extends string>(column: string, values: Record<string, E>, required = false): E | undefined {
    const v = this.text(column, required as true);
    if (v === undefined) return undefined;
    const allowed = Object.values(values);
    const match = allowed.find((a) => a === v.toUpperCase().replace(/[\s-]+/g, '_'));
    if (!match) {
      const shown = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}…` : allowed.join(', ');
      this.problem(column, 'INVALID_VALUE', `"${v}" is not one of ${shown}`);
      return undefined;
    }
    return match;
  }
}
