import { parse } from 'csv-parse/sync';
import type { CurtoisAssignment } from './facts.js';
import { CurtoisFormatError, type CurtoisInstance } from './instance.js';

const HEADER = ['staff', 'day', 'shift'];

/**
 * Reads a roster: CSV with the header `staff,day,shift` and one row per assignment (day 0-based). Every row must
 * name a staff member, a day of the horizon and a shift type of the instance; the same assignment twice is an
 * error (two different shifts on one day is a roster that breaks a hard rule, and is scored as such).
 */
export function parseCurtoisRoster(
  text: string,
  instance: CurtoisInstance,
  name = 'roster',
): CurtoisAssignment[] {
  const fail = (line: number, reason: string): never => {
    throw new CurtoisFormatError(name, line, reason);
  };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes as { record, info } (the typings do not model it).
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return fail(e.lines ?? 0, e.message);
  }
  if (records.length === 0) fail(0, `the file is empty: it needs the header ${HEADER.join(',')}`);
  const header = records[0]!;
  if (header.record.map((h) => h.toLowerCase()).join(',') !== HEADER.join(','))
    fail(header.info.lines, `the header must be ${HEADER.join(',')}, found ${header.record.join(',')}`);

  const staff = new Set(instance.staff.map((s) => s.id));
  const types = new Set(instance.shiftTypes.map((t) => t.id));
  const seen = new Map<string, number>();
  const roster: CurtoisAssignment[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== 3) fail(line, `rows have 3 fields (staff,day,shift), found ${record.length}`);
    const [who, dayText, shift] = record as [string, string, string];
    if (!staff.has(who)) fail(line, `unknown staff member "${who}"`);
    if (!/^\d+$/.test(dayText)) fail(line, `day must be a whole number from 0, got "${dayText}"`);
    const day = Number(dayText);
    if (day >= instance.horizon)
      fail(line, `day ${day} is outside the horizon (days 0–${instance.horizon - 1})`);
    if (!types.has(shift)) fail(line, `unknown shift type "${shift}"`);
    const key = `${who}/${day}/${shift}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) fail(line, `${who} already works ${shift} on day ${day} (line ${earlier})`);
    seen.set(key, line);
    roster.push({ staff: who, day, shift });
  }
  return roster;
}
