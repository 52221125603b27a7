import { curtoisFacts } from '../../../src/benchmarks/curtois/facts.js';
import { emptyRosterObjective, scoreCurtois } from '../../../src/benchmarks/curtois/score.js';
import { instance, roster, type StaffRow } from '../../fixtures/curtois.js';

/**
 * Each of the benchmark's hard rules and objective terms on a hand-made 14-day instance (day 0 a Monday, so the
 * weekends are days 5–6 and 12–13), with the expected outcome worked out by hand beside each case. Shift types:
 * D (480 min) and N (600 min); D may not be worked the day after N.
 */
const tally = (byRule: Record<string, { count: number; penalty: number }>) =>
  Object.fromEntries(Object.entries(byRule).map(([code, t]) => [code, [t.count, t.penalty]]));

function score(
  staff: StaffRow[],
  rota: string,
  extra: Parameters<typeof instance>[0] extends infer S ? Omit<S & object, 'staff'> : never = {},
) {
  const result = scoreCurtois(instance({ staff, ...extra }), roster(rota));
  return { objective: result.objective, hard: result.hardViolations, rules: tally(result.byRule) };
}

describe('Curtois & Qu scoring: hard rules', () => {
  it('1. at most one shift per person per day', () => {
    // A works D and N on day 0: one shift over on that day.
    expect(score([{ id: 'A' }], 'A:D0 A:N0')).toEqual({
      objective: 0,
      hard: 1,
      rules: { ONE_SHIFT_PER_DAY: [1, 1] },
    });
    expect(score([{ id: 'A' }], 'A:D0 A:N1').hard).toBe(0);
  });

  it('2. a shift that cannot follow another is not worked the day after it (only inside the horizon)', () => {
    // N on day 3 then D on day 4: forbidden. N on day 12 then D... nothing: N on the last day (13) is followed
    // by no day. D then N (day 5 → 6) is allowed.
    expect(score([{ id: 'A' }], 'A:N3 A:D4 A:D5 A:N6 A:N13')).toEqual({
      objective: 0,
      hard: 1,
      rules: { FORBIDDEN_SEQUENCE: [1, 1] },
    });
  });

  it('3. shifts of each type at most MaxShifts (=0: never)', () => {
    // N limited to 2, worked 3 times (penalty 1); B must never work D and works it once (penalty 1).
    expect(
      score(
        [
          { id: 'A', maxShifts: 'D=99|N=2' },
          { id: 'B', maxShifts: 'D=0|N=99' },
        ],
        'A:N0 A:N1 A:N2 B:D5',
      ),
    ).toEqual({ objective: 0, hard: 2, rules: { MAX_SHIFTS_OF_TYPE: [2, 2] } });
  });

  it('4. total minutes between MinTotalMinutes and MaxTotalMinutes', () => {
    // A: 3 × 480 = 1,440 against a minimum of 2,000 → 560 short. B: 1,440 + 600 = 2,040 against a maximum of
    // 2,000 → 40 over. C: exactly 2,000 would be fine; 1,440 against the range 1,440–1,440 is.
    expect(
      score(
        [
          { id: 'A', minTotal: 2000 },
          { id: 'B', maxTotal: 2000 },
          { id: 'C', minTotal: 1440, maxTotal: 1440 },
        ],
        'A:D0 A:D1 A:D2 B:D0 B:D1 B:D2 B:N3 C:D7 C:D8 C:D9',
      ),
    ).toEqual({ objective: 0, hard: 2, rules: { MIN_TOTAL_MINUTES: [1, 560], MAX_TOTAL_MINUTES: [1, 40] } });
  });

  it('5. no run of worked days longer than MaxConsecutiveShifts (days outside the horizon are off)', () => {
    // Max 3: days 0–4 is a run of 5 (2 over); days 10–13 a run of 4 (1 over) — the last day gives no exemption.
    expect(
      score([{ id: 'A', maxConsecutive: 3 }], 'A:D0 A:D1 A:D2 A:D3 A:D4 A:D10 A:D11 A:D12 A:D13'),
    ).toEqual({
      objective: 0,
      hard: 2,
      rules: { MAX_CONSECUTIVE_SHIFTS: [2, 3] },
    });
    expect(score([{ id: 'A', maxConsecutive: 3 }], 'A:D0 A:D1 A:D2 A:D10 A:D11 A:D12').hard).toBe(0);
  });

  it('6. no run of worked days shorter than MinConsecutiveShifts, except runs touching day 0 or the last day', () => {
    // Min 3: day 0 alone (touches day 0: exempt), days 5–6 (2 days, 1 short), day 13 alone (last day: exempt).
    expect(score([{ id: 'A', minConsecutive: 3 }], 'A:D0 A:D5 A:D6 A:D13')).toEqual({
      objective: 0,
      hard: 1,
      rules: { MIN_CONSECUTIVE_SHIFTS: [1, 1] },
    });
    // The same short runs one day in from each edge are not exempt: 3 runs, 2 + 1 + 2 days short.
    expect(score([{ id: 'A', minConsecutive: 3 }], 'A:D1 A:D5 A:D6 A:D12')).toEqual({
      objective: 0,
      hard: 3,
      rules: { MIN_CONSECUTIVE_SHIFTS: [3, 5] },
    });
  });

  it('7. no run of days off shorter than MinConsecutiveDaysOff, except runs touching day 0 or the last day', () => {
    // Min 3 days off. Off 0–1 (touches day 0: exempt), works 2–3, off 4 (1 day: 2 short), works 5–6, off 7–9
    // (3: fine), works 10–11, off 12–13 (touches the last day: exempt).
    expect(score([{ id: 'A', minDaysOff: 3 }], 'A:D2 A:D3 A:D5 A:D6 A:D10 A:D11')).toEqual({
      objective: 0,
      hard: 1,
      rules: { MIN_CONSECUTIVE_DAYS_OFF: [1, 2] },
    });
    // Someone who never works has one run of 14 days off, touching both edges: fine.
    expect(score([{ id: 'A', minDaysOff: 3 }, { id: 'B' }], 'B:D0').hard).toBe(0);
  });

  it('8. weekends worked (a shift on the Saturday or the Sunday) at most MaxWeekends', () => {
    // Saturday and Sunday of weekend 1 are one weekend; a Sunday of weekend 2 makes two (1 over the max of 1).
    expect(score([{ id: 'A', maxWeekends: 1 }], 'A:D5 A:D6').hard).toBe(0);
    expect(score([{ id: 'A', maxWeekends: 1 }], 'A:D5 A:D6 A:D13')).toEqual({
      objective: 0,
      hard: 1,
      rules: { MAX_WEEKENDS: [1, 1] },
    });
    // Friday (day 4) and Monday (day 7) are not weekend days.
    expect(score([{ id: 'A', maxWeekends: 0 }], 'A:D4 A:D7').hard).toBe(0);
  });

  it('9. no shift on a listed day off', () => {
    expect(score([{ id: 'A' }], 'A:D3 A:N8', { daysOff: ['A,3,8'] })).toEqual({
      objective: 0,
      hard: 2,
      rules: { DAY_OFF_REQUIRED: [2, 2] },
    });
    expect(score([{ id: 'A' }], 'A:D4', { daysOff: ['A,3,8'] }).hard).toBe(0);
  });
});

describe('Curtois & Qu scoring: the objective', () => {
  it('on-requests cost their weight when that shift is not worked that day (another shift does not count)', () => {
    // Wants D on day 2 (weight 5) and works N instead: 5. Wants N on day 4 (3) and works it: 0.
    const s = score([{ id: 'A' }], 'A:N2 A:N4', { on: ['A,2,D,5', 'A,4,N,3'] });
    expect(s).toEqual({ objective: 5, hard: 0, rules: { SHIFT_ON_REQUEST: [1, 5] } });
  });

  it('off-requests cost their weight when that shift is worked that day', () => {
    // Does not want D on day 1 (4) and works it: 4. Does not want N on day 6 (2) and works D: 0.
    const s = score([{ id: 'A' }], 'A:D1 A:D6', { off: ['A,1,D,4', 'A,6,N,2'] });
    expect(s).toEqual({ objective: 4, hard: 0, rules: { SHIFT_OFF_REQUEST: [1, 4] } });
  });

  it('cover rows cost WeightUnder per person short and WeightOver per person over', () => {
    // Day 0 D: needs 2, has 2 → 0. Day 1 D: needs 1, has 3 → 2 over × 2 = 4. Day 2 N: needs 0, has 0 → 0.
    // Day 4 D: needs 3, has 1 → 2 short × 10 = 20. Day 3 D has no cover row: working it costs nothing.
    const s = score([{ id: 'A' }, { id: 'B' }, { id: 'C' }], 'A:D0 B:D0 A:D1 B:D1 C:D1 C:D3 A:D4', {
      cover: ['0,D,2,10,3', '1,D,1,7,2', '2,N,0,5,1', '4,D,3,10,1'],
    });
    expect(s).toEqual({ objective: 24, hard: 0, rules: { COVER_TARGET: [2, 24] } });
  });

  it('adds the three terms, and nothing else: hard rules never enter the objective', () => {
    // Cover: day 0 D needs 1 (under 100, over 1), day 1 N needs 1 (under 50, over 1). A works D0 and D1:
    // D0 met (0), N1 uncovered (50); A asked for N on day 1 (weight 3): 3; B asked not to work D on day 0 (7)
    // and does: 7, which also puts D0 one over (1). A's 2 D shifts break A's D=1 limit (hard, not in the
    // objective). Objective 50 + 3 + 7 + 1 = 61.
    const s = score([{ id: 'A', maxShifts: 'D=1|N=9' }, { id: 'B' }], 'A:D0 A:D1 B:D0', {
      cover: ['0,D,1,100,1', '1,N,1,50,1'],
      on: ['A,1,N,3'],
      off: ['B,0,D,7'],
    });
    expect(s).toEqual({
      objective: 61,
      hard: 1,
      rules: {
        COVER_TARGET: [2, 51],
        SHIFT_ON_REQUEST: [1, 3],
        SHIFT_OFF_REQUEST: [1, 7],
        MAX_SHIFTS_OF_TYPE: [1, 1],
      },
    });
    expect(Object.keys(s.rules).sort()).toEqual(
      ['COVER_TARGET', 'MAX_SHIFTS_OF_TYPE', 'SHIFT_OFF_REQUEST', 'SHIFT_ON_REQUEST'].sort(),
    );
  });

  it('scores an empty roster as Σ cover requirement × WeightUnder + Σ on-request weights, with the minimum-minutes breaches it implies', () => {
    const inst = instance({
      staff: [{ id: 'A', minTotal: 960 }, { id: 'B' }],
      cover: ['0,D,2,10,1', '3,N,1,25,1', '5,D,0,99,1'],
      on: ['A,2,D,4', 'B,9,N,6'],
      off: ['A,1,D,100'],
    });
    expect(emptyRosterObjective(inst)).toBe(2 * 10 + 25 + 4 + 6);
    const s = scoreCurtois(inst, []);
    expect(s.objective).toBe(55);
    expect(s.hardViolations).toBe(1);
    expect(tally(s.byRule)).toEqual({
      COVER_TARGET: [2, 45],
      MIN_TOTAL_MINUTES: [1, 960],
      SHIFT_ON_REQUEST: [2, 10],
    });
  });

  it('explains each violation in words', () => {
    const result = scoreCurtois(
      instance({ staff: [{ id: 'A', maxConsecutive: 2 }] }),
      roster('A:D0 A:D1 A:D2'),
    );
    expect(result.violations).toEqual([
      expect.objectContaining({
        ruleCode: 'MAX_CONSECUTIVE_SHIFTS',
        staffId: 'A',
        measured: 3,
        limit: 2,
        message: expect.stringMatching(/works 3 consecutive days .*at most 2/),
      }),
    ]);
  });
});

describe('Curtois facts', () => {
  it('start on a Monday in UTC, with one shift per day and type carrying its cover row', () => {
    const facts = curtoisFacts(instance({ staff: [{ id: 'A' }], cover: ['1,N,2,9,4'] }), []);
    expect(facts.rota).toMatchObject({ startDate: '2024-01-01', endDate: '2024-01-14' });
    expect(new Date(`${facts.rota.startDate}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(facts.shifts).toHaveLength(28);
    expect(facts.shifts.find((s) => s.id === '1/N')).toMatchObject({
      localDate: '2024-01-02',
      targetHeadcount: 2,
      underWeight: 9,
      overWeight: 4,
      endsAt: Date.parse('2024-01-02T10:00:00Z'),
    });
    expect(facts.shifts.find((s) => s.id === '1/D')).toMatchObject({ targetHeadcount: 0, underWeight: 0 });
  });
});
