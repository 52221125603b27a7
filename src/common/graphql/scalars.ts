import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { DateTime } from 'luxon';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d(:00)?$/;
/** An ISO 8601 instant that states its offset (Z or ±hh:mm); without one it would mean different instants in different places. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i;
/** Offsets in use on Earth run from -12:00 to +14:00; anything past ±14:00, or with 60 minutes or more, is a typo. */
const MAX_OFFSET_MINUTES = 14 * 60;

function badValue(type: string, value: unknown, expected: string): GraphQLError {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
  return new GraphQLError(`${type} cannot represent ${shown}: expected ${expected}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function stringLiteral(ast: ValueNode, type: string): string {
  if (ast.kind !== Kind.STRING) throw badValue(type, ast.kind, 'a string');
  return ast.value;
}

/** Whether year, month and day make a date on the proleptic Gregorian calendar (no allocation: a hot path). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

/** Parses 'YYYY-MM-DD' into itself after checking it is a real calendar date. */
export function parseLocalDate(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !LOCAL_DATE.test(value) ||
    !isCalendarDate(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)))
  ) {
    throw badValue('LocalDate', value, 'a calendar date as YYYY-MM-DD');
  }
  return value;
}

/** Parses 'HH:mm' (seconds, if given, must be :00) into 'HH:mm'. */
export function parseLocalTime(value: unknown): string {
  if (typeof value !== 'string' || !LOCAL_TIME.test(value)) {
    throw badValue('LocalTime', value, 'a time of day as HH:mm (00:00–23:59)');
  }
  return value.slice(0, 5);
}

export function parseInstant(value: unknown): Date {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (typeof value !== 'string' || !match) {
    throw badValue('DateTime', value, 'an ISO 8601 date-time with an offset, e.g. 2026-03-29T07:30:00+01:00');
  }
  const [hours, minutes] = [Number(match[4] ?? 0), Number(match[5] ?? 0)];
  if (minutes >= 60 || hours * 60 + minutes > MAX_OFFSET_MINUTES) {
    throw badValue('DateTime', value, 'an offset from -14:00 to +14:00, e.g. 2026-03-29T07:30:00+01:00');
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) throw badValue('DateTime', value, 'a real date and time');
  return parsed.toJSDate();
}

/** An instant: ISO 8601 with an offset. Inside the service it is a JS Date. */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'An instant, ISO 8601 with an offset (2026-03-29T07:30:00+01:00); returned in UTC (Z).';

  parseValue(value: unknown): Date {
    return parseInstant(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return parseInstant(value).toISOString();
    throw badValue('DateTime', value, 'a Date');
  }

  parseLiteral(ast: ValueNode): Date {
    return parseInstant(stringLiteral(ast, 'DateTime'));
  }
}

/** Marker type for LocalDate fields (a 'YYYY-MM-DD' string at run time). */
export class LocalDate {}
/** Marker type for LocalTime fields (an 'HH:mm' string at run time). */
export class LocalTime {}

@Scalar('LocalDate', () => LocalDate)
export class LocalDateScalar implements CustomScalar<string, string> {
  description = 'A calendar date without a time zone, YYYY-MM-DD (2026-03-29).';

  parseValue(value: unknown): string {
    return parseLocalDate(value);
  }

  serialize(value: unknown): string {
    return parseLocalDate(value);
  }

  parseLiteral(ast: ValueNode): string {
    return parseLocalDate(stringLiteral(ast, 'LocalDate'));
  }
}

@Scalar('LocalTime', () => LocalTime)
export class LocalTimeScalar implements CustomScalar<string, string> {
  description = 'A time of day without a time zone, HH:mm (07:30).';

  parseValue(value: unknown): string {
    return parseLocalTime(value);
  }

  serialize(value: unknown): string {
    if (typeof value === 'string' && /^\d{2}:\d{2}:\d{2}$/.test(value)) return value.slice(0, 5);
    return parseLocalTime(value);
  }

  parseLiteral(ast: ValueNode): string {
    return parseLocalTime(stringLiteral(ast, 'LocalTime'));
  }
}
