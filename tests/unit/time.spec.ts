import fc from 'fast-check';
import { normalise } from '../../src/rota-core/normalise.js';
import { nominalShiftFacts, shiftFacts } from '../../src/rota-core/shift-facts.js';
import { resolveWall, shiftInstants, wallMillis } from '../../src/rota-core/time.js';

const hours = (r: ReturnType<typeof shiftInstants>): number => {
  if (!r.ok) throw new Error(r.message);
  return (r.endsAt.getTime() - r.startsAt.getTime()) / 3_600_000;
};

describe('shiftInstants in Europe/London', () => {
  it.each([
    ['2026-03-28', 11, '2026-03-28T20:00:00.000Z', '2026-03-29T07:00:00.000Z'],
    ['2026-10-24', 13, '2026-10-24T19:00:00.000Z', '2026-10-25T08:00:00.000Z'],
    ['2026-01-10', 12, '2026-01-10T20:00:00.000Z', '2026-01-11T08:00:00.000Z'],
    ['2026-07-11', 12, '2026-07-11T19:00:00.000Z', '2026-07-12T07:00:00.000Z'],
    ['2025-03-29', 11, '2025-03-29T20:00:00.000Z', '2025-03-30T07:00:00.000Z'],
    ['2025-10-25', 13, '2025-10-25T19:00:00.000Z', '2025-10-26T08:00:00.000Z'],
  ])('a 20:00 12-hour night on %s lasts %i real hours', (date, real, start, end) => {
    const r = shiftInstants(date, '20:00', 720, 'Europe/London');
    expect(hours(r)).toBe(real);
    if (!r.ok) throw new Error();
    expect(r.startsAt.toISOString()).toBe(start);
    expect(r.endsAt.toISOString()).toBe(end);
  });

  it('refuses a start that does not exist (01:30 on the spring-forward night)', () => {
    const r = shiftInstants('2026-03-29', '01:30', 480, 'Europe/London');
    expect(r).toMatchObject({ ok: false, reason: 'NONEXISTENT_START' });
  });

  it('takes the first occurrence of an ambiguous start (01:30 on the fall-back night, still BST)', () => {
    const r = shiftInstants('2026-10-25', '01:30', 480, 'Europe/London');
    if (!r.ok) throw new Error();
    expect(r.ambiguousStart).toBe(true);
    expect(r.startsAt.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(r.endsAt.toISOString()).toBe('2026-10-25T09:30:00.000Z');
  });

  it('pushes an end in the spring-forward gap forward by the gap', () => {
    const r = shiftInstants('2026-03-28', '21:30', 240, 'Europe/London');
    if (!r.ok) throw new Error();
    expect(r.endsAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('handles other zones (New York springs forward at 02:00)', () => {
    expect(shiftInstants('2026-03-08', '02:30', 60, 'America/New_York')).toMatchObject({ ok: false });
    expect(hours(shiftInstants('2026-03-07', '20:00', 720, 'America/New_York'))).toBe(11);
  });
});

describe('resolveWall', () => {
  it('finds two instants for an ambiguous wall time and none in a gap', () => {
    expect(resolveWall(wallMillis('2026-10-25', '01:30'), 'Europe/London').kind).toBe('ambiguous');
    expect(resolveWall(wallMillis('2026-03-29', '01:30'), 'Europe/London').kind).toBe('nonexistent');
    expect(resolveWall(wallMillis('2026-06-01', '01:30'), 'Europe/London').kind).toBe('unique');
  });
});

describe('shift flags', () => {
  it.each([
    ['07:00', 480, { night: false, long: false, late: false }],
    ['07:30', 750, { night: false, long: true, late: false }],
    ['13:00', 630, { night: false, long: true, late: true }],
    ['14:00', 540, { night: false, long: false, late: false }],
    ['14:30', 540, { night: false, long: false, late: true }],
    ['20:00', 720, { night: true, long: true, late: false }],
    ['22:00', 240, { night: true, long: false, late: false }],
    ['21:00', 240, { night: false, long: false, late: true }],
    ['03:00', 480, { night: true, long: false, late: false }],
  ])('%s for %i minutes → %j', (start, minutes, flags) => {
    expect(nominalShiftFacts(start, minutes)).toMatchObject(flags);
  });

  it('counts night minutes in real time across a clock change', () => {
    const spring = shiftInstants('2026-03-28', '20:00', 720, 'Europe/London');
    const autumn = shiftInstants('2026-10-24', '20:00', 720, 'Europe/London');
    if (!spring.ok || !autumn.ok) throw new Error();
    expect(shiftFacts(spring.startsAt, spring.endsAt, '2026-03-28', 0, 'Europe/London').nightMinutes).toBe(
      360,
    );
    expect(shiftFacts(autumn.startsAt, autumn.endsAt, '2026-10-24', 0, 'Europe/London').nightMinutes).toBe(
      480,
    );
  });

  it.each([
    // The review's cases: a 12:00–22:30 shift on the clock-change days is not late (it ends before 23:00)…
    ['2026-10-25', '12:00', 630, false],
    ['2026-03-29', '12:00', 630, false],
    // …and one ending at 23:30 local is, whatever the real length of the day.
    ['2026-10-25', '13:00', 630, true],
    ['2026-03-29', '13:00', 630, true],
  ])('on %s a shift from %s for %i wall-clock minutes is late: %s', (date, start, minutes, late) => {
    const r = shiftInstants(date, start, minutes, 'Europe/London');
    if (!r.ok) throw new Error(r.message);
    expect(shiftFacts(r.startsAt, r.endsAt, date, 30, 'Europe/London').late).toBe(late);
  });
});

/**
 * One definition of a shift's facts: the rules' normalisation and the API (shiftFacts) agree on night, long,
 * late and working minutes for thousands of generated shifts around the clock changes of several zones. The
 * reports compute working minutes in SQL as (ends_at − starts_at) − unpaid break: the same formula, checked here
 * against the instants the SQL would read.
 */
describe('shift facts: rules and API agree around clock changes', () => {
  const days = [
    '2026-03-28',
    '2026-03-29',
    '2026-03-30',
    '2026-10-24',
    '2026-10-25',
    '2026-10-26',
    '2027-03-27',
    '2027-03-28',
    '2027-10-30',
    '2027-10-31',
    '2026-06-15',
    '2026-12-31',
  ];
  const zones = ['Europe/London', 'Europe/Dublin', 'America/New_York', 'Australia/Sydney', 'UTC'];

  it('normalise and shiftFacts give the same facts for every shift', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...days),
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: 30, max: 1440 }),
        fc.integer({ min: 0, max: 29 }),
        fc.constantFrom(...zones),
        (date, halfHour, duration, breakMinutes, zone) => {
          const start = `${String(Math.floor(halfHour / 2)).padStart(2, '0')}:${halfHour % 2 ? '30' : '00'}`;
          const r = shiftInstants(date, start, duration, zone);
          if (!r.ok) return; // a start in a spring-forward gap is refused before it could be a shift
          const api = shiftFacts(r.startsAt, r.endsAt, date, breakMinutes, zone);
          const n = normalise({
            team: { id: 't', organisationId: 'o', timeZone: zone },
            rota: { id: 'r', startDate: date, endDate: date },
            ruleSet: { preset: 'WTR_1998' },
            shiftTypes: [{ id: 'T', code: 'T', cannotBeFollowedByIds: [] }],
            shifts: [
              {
                id: 's',
                typeId: 'T',
                localDate: date,
                startsAt: r.startsAt.getTime(),
                endsAt: r.endsAt.getTime(),
                unpaidBreakMinutes: breakMinutes,
                minHeadcount: 0,
                targetHeadcount: 0,
                skillMix: [],
                inRota: true,
              },
            ],
            staff: [],
            assignments: [],
          } as never);
          const rule = n.shifts[0]!;
          expect({
            night: rule.night,
            long: rule.long,
            late: rule.late,
            work: rule.work,
            nm: rule.nightMinutes,
          }).toEqual({
            night: api.night,
            long: api.long,
            late: api.late,
            work: api.workingMinutes,
            nm: api.nightMinutes,
          });
          const sqlWorking = (r.endsAt.getTime() - r.startsAt.getTime()) / 60_000 - breakMinutes;
          expect(api.workingMinutes).toBe(sqlWorking);
        },
      ),
      { numRuns: 3000, seed: 2026 },
    );
  });
});
