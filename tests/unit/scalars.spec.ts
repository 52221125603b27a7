import { DateTime } from 'luxon';
import { Kind } from 'graphql';
import { DateTimeScalar, LocalDateScalar, LocalTimeScalar } from '../../src/common/graphql/scalars.js';

describe('LocalDate', () => {
  const s = new LocalDateScalar();
  it('agrees with luxon on which dates exist, leap years and century years included', () => {
    let checked = 0;
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const v = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const exists = DateTime.fromISO(v).isValid;
          if (exists) expect(s.parseValue(v)).toBe(v);
          else expect(() => s.parseValue(v)).toThrow(/LocalDate cannot represent/);
          checked++;
        }
      }
    }
    expect(checked).toBe(7 * 14 * 33);
  });
  it.each(['2026-03-29', '2024-02-29', '2026-12-31'])('accepts %s', (v) => expect(s.parseValue(v)).toBe(v));
  it.each(['2026-02-29', '2026-13-01', '2026-3-29', '29/03/2026', '2026-03-29T00:00', '', 20260329])(
    'refuses %j',
    (v) => expect(() => s.parseValue(v)).toThrow(/LocalDate cannot represent/),
  );
  it('refuses a non-string literal', () =>
    expect(() => s.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow());
});

describe('LocalTime', () => {
  const s = new LocalTimeScalar();
  it.each([
    ['07:30', '07:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['20:00:00', '20:00'],
  ])('parses %s as %s', (v, out) => expect(s.parseValue(v)).toBe(out));
  it.each(['24:00', '7:30', '07:60', '07:30:15', 'noon'])('refuses %j', (v) =>
    expect(() => s.parseValue(v)).toThrow(),
  );
  it('serialises a PostgreSQL time', () => expect(s.serialize('07:30:00')).toBe('07:30'));
});

describe('DateTime', () => {
  const s = new DateTimeScalar();
  it('parses an instant with an offset and serialises it in UTC', () => {
    const d = s.parseValue('2026-03-29T07:30:00+01:00');
    expect(d.toISOString()).toBe('2026-03-29T06:30:00.000Z');
    expect(s.serialize(d)).toBe('2026-03-29T06:30:00.000Z');
  });
  it.each(['2026-03-29T07:30:00', '2026-03-29', 'yesterday', '2026-02-30T10:00:00Z'])('refuses %j', (v) =>
    expect(() => s.parseValue(v)).toThrow(/DateTime cannot represent/),
  );
});

describe('DateTime offsets', () => {
  const s = new DateTimeScalar();
  it.each([
    ['2026-03-29T07:30:00+14:00', '2026-03-28T17:30:00.000Z'],
    ['2026-03-29T07:30:00-12:00', '2026-03-29T19:30:00.000Z'],
    ['2026-03-29T07:30:00+05:45', '2026-03-29T01:45:00.000Z'],
    ['2026-03-29T07:30:00+0530', '2026-03-29T02:00:00.000Z'],
    ['2026-03-29T07:30:00-14:00', '2026-03-29T21:30:00.000Z'],
    ['2026-03-29T07:30:00z', '2026-03-29T07:30:00.000Z'],
  ])('accepts %s', (v, utc) => expect(s.parseValue(v).toISOString()).toBe(utc));
  it.each([
    '2026-03-29T07:30:00+99:99',
    '2026-03-29T07:30:00+14:01',
    '2026-03-29T07:30:00-15:00',
    '2026-03-29T07:30:00+05:60',
    '2026-03-29T07:30:00+0999',
  ])('refuses the offset of %s', (v) => {
    expect(() => s.parseValue(v)).toThrow(/offset from -14:00 to \+14:00/);
    expect(() => s.parseLiteral({ kind: Kind.STRING, value: v })).toThrow(/DateTime cannot represent/);
  });
});
