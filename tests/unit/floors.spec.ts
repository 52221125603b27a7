import {
  CONTRACTUAL_LIMITS,
  floorBreaches,
  limitsFor,
  paramInForce,
  STATUTORY_LIMITS,
} from '../../src/rota-core/presets/floors.js';
import { RULE_PARAMETERS } from '../../src/rota-core/presets/parameters.js';
import { presetVersion } from '../../src/rota-core/presets/presets.js';

describe('legal floors (pure)', () => {
  it('declares only parameters the rules have, each with a source', () => {
    for (const l of [...STATUTORY_LIMITS, ...CONTRACTUAL_LIMITS]) {
      expect(RULE_PARAMETERS[l.ruleCode]).toHaveProperty(l.param);
      expect(l.source).toMatch(l.kind === 'STATUTORY' ? /^Working Time Regulations 1998, reg/ : /2016/);
    }
  });

  it('is met by every preset as it stands (current versions)', () => {
    for (const preset of ['WTR_1998', 'SOCIAL_CARE', 'NHS_DOCTORS_2016'] as const) {
      const overrides = { ...presetVersion('WTR_1998', '2026-01-01')!.rules };
      for (const [code, r] of Object.entries(presetVersion(preset, '2026-01-01')!.rules))
        overrides[code] = { ...overrides[code], ...r, params: { ...overrides[code]?.params, ...r.params } };
      // optedOutMaxMinutesPerWeek is null (no limit) outside the doctors' terms: not a contractual breach there.
      expect(floorBreaches(preset, overrides)).toEqual([]);
    }
  });

  it('allows stricter values and refuses weaker ones, naming value and source', () => {
    expect(floorBreaches('WTR_1998', { DAILY_REST: { params: { minRestMinutes: 720 } } })).toEqual([]);
    const [low] = floorBreaches('WTR_1998', { DAILY_REST: { params: { minRestMinutes: 300 } } });
    expect(low).toMatchObject({
      ruleCode: 'DAILY_REST',
      param: 'minRestMinutes',
      value: 300,
      derogated: false,
      limit: { value: 660, direction: 'MINIMUM', source: 'Working Time Regulations 1998, reg. 10(1)' },
    });
    expect(low!.message).toMatch(/below 11 h .*reg\. 10\(1\)/);
    expect(
      floorBreaches('WTR_1998', { AVERAGE_WEEKLY_HOURS: { params: { maxMinutesPerWeek: 2700 } } }),
    ).toEqual([]);
    expect(
      floorBreaches('WTR_1998', { AVERAGE_WEEKLY_HOURS: { params: { maxMinutesPerWeek: 3000 } } }),
    ).toHaveLength(1);
  });

  it('refuses a statutory parameter set to null and a statutory rule made SOFT or OFF', () => {
    expect(floorBreaches('WTR_1998', { REST_BREAK: { params: { afterMinutes: null } } })).toEqual([
      expect.objectContaining({
        param: 'afterMinutes',
        value: null,
        message: expect.stringMatching(/switched off/),
      }),
    ]);
    expect(floorBreaches('WTR_1998', { WEEKLY_REST: { severity: 'OFF' } })).toEqual([
      expect.objectContaining({ ruleCode: 'WEEKLY_REST', param: null, value: 'OFF' }),
    ]);
    expect(floorBreaches('WTR_1998', { NIGHT_WORKER_AVERAGE: { severity: 'SOFT' } })).toHaveLength(1);
    expect(floorBreaches('WTR_1998', { COVER_TARGET: { severity: 'OFF' } })).toEqual([]);
  });

  it('lets a derogation cover exactly the weakening it names', () => {
    const overrides = { DAILY_REST: { severity: 'OFF' as const, params: { minRestMinutes: 600 } } };
    const breaches = floorBreaches('WTR_1998', overrides, [
      { ruleCode: 'DAILY_REST', param: 'minRestMinutes' },
    ]);
    expect(breaches.map((b) => [b.param, b.derogated])).toEqual([
      [null, false],
      ['minRestMinutes', true],
    ]);
  });

  it('binds the doctors’ terms only on NHS_DOCTORS_2016, and the 26-week reference period on special cases', () => {
    const long = { MAX_SHIFT_LENGTH: { params: { maxMinutes: 14 * 60 } } };
    expect(floorBreaches('WTR_1998', long)).toEqual([]);
    expect(floorBreaches('NHS_DOCTORS_2016', long)).toEqual([
      expect.objectContaining({ limit: expect.objectContaining({ kind: 'CONTRACTUAL', value: 780 }) }),
    ]);
    const weeks = { AVERAGE_WEEKLY_HOURS: { params: { referenceWeeks: 26 } } };
    expect(floorBreaches('WTR_1998', weeks)).toHaveLength(1);
    expect(floorBreaches('SOCIAL_CARE', weeks)).toEqual([]);
    expect(
      limitsFor('SOCIAL_CARE').filter(
        (l) => l.param === 'referenceWeeks' && l.ruleCode === 'AVERAGE_WEEKLY_HOURS',
      ),
    ).toHaveLength(1);
  });

  it('resolves the value in force: presets, then overrides', () => {
    expect(paramInForce({ preset: 'WTR_1998' }, 'DAILY_REST', 'minRestMinutes', '2026-01-01')).toBe(660);
    expect(
      paramInForce({ preset: 'SOCIAL_CARE' }, 'AVERAGE_WEEKLY_HOURS', 'referenceWeeks', '2026-01-01'),
    ).toBe(26);
    expect(
      paramInForce(
        { preset: 'WTR_1998', overrides: { DAILY_REST: { params: { minRestMinutes: 600 } } } },
        'DAILY_REST',
        'minRestMinutes',
        '2026-01-01',
      ),
    ).toBe(600);
  });
});
