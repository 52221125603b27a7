import { CATALOGUE, RULE_CODES } from '../../src/rota-core/rules/index.js';
import { resolveRules } from '../../src/rota-core/ruleset.js';
import { presetVersion } from '../../src/rota-core/presets/presets.js';
import { readFileSync } from 'node:fs';
import { sharedFile } from '../fixtures/shared.js';

const rulesMd = sharedFile('design', 'rules.md');

describe('rule sets', () => {
  // The design notes live beside the repository, not in it.
  (rulesMd ? it : it.skip)('has every rule code of the catalogue in rules.md, and no other', () => {
    const md = readFileSync(rulesMd!, 'utf8');
    // The first cell of each catalogue row holds one or more codes (`MIN_TOTAL_MINUTES` / `MAX_TOTAL_MINUTES`).
    const firstCells = [...md.matchAll(/^\| (`[A-Z_0-9]+`[^|]*)\|/gm)].map((m) => m[1]!);
    const documented = new Set(
      firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z_0-9]+)`/g)].map((m) => m[1])),
    );
    expect([...RULE_CODES].sort()).toEqual([...documented].sort());
  });

  it('turns WTR rules on by default and the doctors’ rules off', () => {
    const rules = resolveRules(CATALOGUE, { preset: 'WTR_1998' }, '2026-03-02');
    expect(rules.get('DAILY_REST')).toMatchObject({ severity: 'HARD', params: { minRestMinutes: 660 } });
    expect(rules.has('MAX_HOURS_ROLLING_7_DAYS')).toBe(false);
    expect(rules.get('COVER_TARGET')).toMatchObject({
      severity: 'SOFT',
      params: { underWeight: 100, overWeight: 1 },
    });
  });

  it('adds the doctors’ preset for a doctor in training on any team', () => {
    const rules = resolveRules(CATALOGUE, { preset: 'SOCIAL_CARE' }, '2026-03-02', 'DOCTOR_IN_TRAINING');
    expect(rules.get('MAX_HOURS_ROLLING_7_DAYS')?.params.maxMinutes).toBe(4320);
    expect(rules.get('AVERAGE_WEEKLY_HOURS')?.params.referenceWeeks).toBe(26);
  });

  it('picks the preset version in force on the rota’s first day', () => {
    expect(
      presetVersion('NHS_DOCTORS_2016', '2019-08-06')!.rules.MAX_CONSECUTIVE_LONG_SHIFTS!.params!.maxShifts,
    ).toBe(5);
    expect(
      presetVersion('NHS_DOCTORS_2016', '2019-08-07')!.rules.MAX_CONSECUTIVE_LONG_SHIFTS!.params!.maxShifts,
    ).toBe(4);
    expect(presetVersion('NHS_DOCTORS_2016', '2016-01-01')).toBeUndefined();
  });

  it('applies overrides last: severity, OFF, and a null parameter that switches a rule off', () => {
    const rules = resolveRules(
      CATALOGUE,
      {
        preset: 'WTR_1998',
        overrides: {
          DAILY_REST: { severity: 'SOFT', params: { minRestMinutes: 600 } },
          WEEKLY_REST: { severity: 'OFF' },
          REST_BREAK: { params: { afterMinutes: null } },
        },
      },
      '2026-03-02',
    );
    expect(rules.get('DAILY_REST')).toMatchObject({
      severity: 'SOFT',
      params: { minRestMinutes: 600, youngMinRestMinutes: 720 },
    });
    expect(rules.has('WEEKLY_REST')).toBe(false);
    expect(rules.has('REST_BREAK')).toBe(false);
  });

  it('lets SOCIAL_CARE allow split shifts and use a 26-week reference period', () => {
    const rules = resolveRules(CATALOGUE, { preset: 'SOCIAL_CARE' }, '2026-03-02');
    expect(rules.has('ONE_SHIFT_PER_DAY')).toBe(false);
    expect(rules.get('AVERAGE_WEEKLY_HOURS')?.params.referenceWeeks).toBe(26);
  });
});
