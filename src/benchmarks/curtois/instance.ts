/**
 * The Curtois & Qu shift-scheduling benchmark's text format (schedulingbenchmarks.org, Instance1–24): a reader
 * that keeps every row's line number, so a malformed file is reported at the line that is wrong.
 *
 * `#` lines are comments; each section starts with its `SECTION_*` header and ends at a blank line.
 */

export interface CurtoisShiftType {
  id: string;
  minutes: number;
  /** Shift types that may not be worked the day after this one. */
  cannotFollow: string[];
}

export interface CurtoisStaff {
  id: string;
  /** Per shift type: at most this many (0: never). Types not listed are unlimited. */
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
}

export interface CurtoisRequest {
  staffId: string;
  day: number;
  shiftId: string;
  weight: number;
}

export interface CurtoisCover {
  day: number;
  shiftId: string;
  requirement: number;
  weightUnder: number;
  weightOver: number;
}

export interface CurtoisInstance {
  name: string;
  /** Days in the horizon; day 0 is a Monday. */
  horizon: number;
  shiftTypes: CurtoisShiftType[];
  staff: CurtoisStaff[];
  daysOff: Map<string, number[]>;
  onRequests: CurtoisRequest[];
  offRequests: CurtoisRequest[];
  cover: CurtoisCover[];
}

/** A file that does not follow the format; `line` is 1-based (0: the file as a whole). */
export class CurtoisFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'CurtoisFormatError';
  }
}

const SECTIONS = [
  'SECTION_HORIZON',
  'SECTION_SHIFTS',
  'SECTION_STAFF',
  'SECTION_DAYS_OFF',
  'SECTION_SHIFT_ON_REQUESTS',
  'SECTION_SHIFT_OFF_REQUESTS',
  'SECTION_COVER',
] as const;
type Section = (typeof SECTIONS)[number];
const REQUIRED: readonly Section[] = ['SECTION_HORIZON', 'SECTION_SHIFTS', 'SECTION_STAFF'];

interface Row {
  line: number;
  fields: string[];
}

/** Reads an instance. Throws `CurtoisFormatError` naming the first wrong line. */
export function parseCurtoisInstance(text: string, name = 'instance'): CurtoisInstance {
  const fail = (line: number, reason: string): never => {
    throw new CurtoisFormatError(name, line, reason);
  };
  const rows = new Map<Section, Row[]>();
  let current: Section | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    const line = i + 1;
    if (raw === '') {
      current = null;
      continue;
    }
    if (raw.startsWith('#')) continue;
    if (raw.startsWith('SECTION_')) {
      if (!(SECTIONS as readonly string[]).includes(raw)) fail(line, `unknown section ${raw}`);
      if (rows.has(raw as Section)) fail(line, `${raw} appears twice`);
      current = raw as Section;
      rows.set(current, []);
      continue;
    }
    if (current === null) fail(line, `data outside a section: "${raw}"`);
    rows.get(current!)!.push({ line, fields: raw.split(',').map((f) => f.trim()) });
  }
  for (const section of REQUIRED) if (!rows.has(section)) fail(0, `${section} is missing`);

  const int = (row: Row, index: number, what: string, min = 0): number => {
    const value = row.fields[index] ?? '';
    if (!/^-?\d+$/.test(value)) fail(row.line, `${what} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min) fail(row.line, `${what} must be at least ${min}, got ${n}`);
    return n;
  };
  const arity = (row: Row, count: number, section: string, columns: string) => {
    if (row.fields.length !== count)
      fail(row.line, `${section} rows have ${count} fields (${columns}), found ${row.fields.length}`);
  };

  const horizonRows = rows.get('SECTION_HORIZON')!;
  if (horizonRows.length !== 1) fail(horizonRows[1]?.line ?? 0, 'SECTION_HORIZON holds exactly one number');
  const horizonRow = horizonRows[0]!;
  arity(horizonRow, 1, 'SECTION_HORIZON', 'days');
  const horizon = int(horizonRow, 0, 'the horizon', 1);

  const shiftTypes: CurtoisShiftType[] = [];
  const typeIds = new Set<string>();
  const pending: Array<[CurtoisShiftType, Row]> = [];
  for (const row of rows.get('SECTION_SHIFTS')!) {
    arity(row, 3, 'SECTION_SHIFTS', 'ShiftID, LengthMinutes, ShiftsThatCannotFollow');
    const id = row.fields[0]!;
    if (id === '') fail(row.line, 'a shift type needs an id');
    if (typeIds.has(id)) fail(row.line, `shift type ${id} is defined twice`);
    typeIds.add(id);
    const minutes = int(row, 1, `the length of ${id}`, 1);
    if (minutes > 24 * 60) fail(row.line, `the length of ${id} is over 24 hours (${minutes} minutes)`);
    const type = {
      id,
      minutes,
      cannotFollow: row.fields[2] === '' ? [] : row.fields[2]!.split('|').map((f) => f.trim()),
    };
    shiftTypes.push(type);
    pending.push([type, row]);
  }
  if (shiftTypes.length === 0) fail(0, 'SECTION_SHIFTS defines no shift types');
  const knownType = (row: Row, id: string) => {
    if (!typeIds.has(id)) fail(row.line, `unknown shift type "${id}"`);
    return id;
  };
  for (const [type, row] of pending) for (const id of type.cannotFollow) knownType(row, id);

  const staff: CurtoisStaff[] = [];
  const staffIds = new Set<string>();
  for (const row of rows.get('SECTION_STAFF')!) {
    arity(
      row,
      8,
      'SECTION_STAFF',
      'ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends',
    );
    const id = row.fields[0]!;
    if (id === '') fail(row.line, 'a staff member needs an id');
    if (staffIds.has(id)) fail(row.line, `staff member ${id} is defined twice`);
    staffIds.add(id);
    const maxShifts: Record<string, number> = {};
    if (row.fields[1] !== '') {
      for (const pair of row.fields[1]!.split('|')) {
        const match = /^([^=]+)=(\d+)$/.exec(pair.trim());
        if (!match) fail(row.line, `MaxShifts entries look like D=14, got "${pair}"`);
        const type = knownType(row, match![1]!.trim());
        if (type in maxShifts) fail(row.line, `MaxShifts lists ${type} twice`);
        maxShifts[type] = Number(match![2]);
      }
    }
    const s: CurtoisStaff = {
      id,
      maxShifts,
      maxTotalMinutes: int(row, 2, 'MaxTotalMinutes'),
      minTotalMinutes: int(row, 3, 'MinTotalMinutes'),
      maxConsecutiveShifts: int(row, 4, 'MaxConsecutiveShifts', 1),
      minConsecutiveShifts: int(row, 5, 'MinConsecutiveShifts'),
      minConsecutiveDaysOff: int(row, 6, 'MinConsecutiveDaysOff'),
      maxWeekends: int(row, 7, 'MaxWeekends'),
    };
    if (s.minTotalMinutes > s.maxTotalMinutes)
      fail(
        row.line,
        `MinTotalMinutes (${s.minTotalMinutes}) is above MaxTotalMinutes (${s.maxTotalMinutes})`,
      );
    staff.push(s);
  }
  const knownStaff = (row: Row, id: string) => {
    if (!staffIds.has(id)) fail(row.line, `unknown staff member "${id}"`);
    return id;
  };
  const dayOf = (row: Row, index: number) => {
    const day = int(row, index, 'a day');
    if (day >= horizon) fail(row.line, `day ${day} is outside the horizon (days 0–${horizon - 1})`);
    return day;
  };

  const daysOff = new Map<string, number[]>();
  for (const row of rows.get('SECTION_DAYS_OFF') ?? []) {
    const id = knownStaff(row, row.fields[0]!);
    const days = daysOff.get(id) ?? [];
    for (let k = 1; k < row.fields.length; k++) {
      if (row.fields[k] === '' && k === row.fields.length - 1) continue; // a trailing comma
      days.push(dayOf(row, k));
    }
    daysOff.set(id, days);
  }

  const requests = (section: Section): CurtoisRequest[] =>
    (rows.get(section) ?? []).map((row) => {
      arity(row, 4, section, 'EmployeeID, Day, ShiftID, Weight');
      return {
        staffId: knownStaff(row, row.fields[0]!),
        day: dayOf(row, 1),
        shiftId: knownType(row, row.fields[2]!),
        weight: int(row, 3, 'the weight'),
      };
    });

  const cover: CurtoisCover[] = [];
  const covered = new Set<string>();
  for (const row of rows.get('SECTION_COVER') ?? []) {
    arity(row, 5, 'SECTION_COVER', 'Day, ShiftID, Requirement, WeightUnder, WeightOver');
    const c = {
      day: dayOf(row, 0),
      shiftId: knownType(row, row.fields[1]!),
      requirement: int(row, 2, 'the requirement'),
      weightUnder: int(row, 3, 'WeightUnder'),
      weightOver: int(row, 4, 'WeightOver'),
    };
    const key = `${c.day}/${c.shiftId}`;
    if (covered.has(key)) fail(row.line, `a second cover row for ${c.shiftId} on day ${c.day}`);
    covered.add(key);
    cover.push(c);
  }

  return {
    name,
    horizon,
    shiftTypes,
    staff,
    daysOff,
    onRequests: requests('SECTION_SHIFT_ON_REQUESTS'),
    offRequests: requests('SECTION_SHIFT_OFF_REQUESTS'),
    cover,
  };
}
