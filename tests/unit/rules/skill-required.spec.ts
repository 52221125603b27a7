import { facts } from '../../fixtures/facts.js';

describe('SKILL_REQUIRED', () => {
  const world = (expiresOn: string | null, sector: 'HEALTH' | 'SOCIAL_CARE' = 'HEALTH') => {
    const f = facts().requireSkills('DBS', 'MH');
    f.credential('a', 'MH', '2020-01-01', null);
    f.credential('a', 'DBS', '2024-01-01', expiresOn, sector);
    f.work('a', 'E', '2026-03-10');
    return f;
  };

  it('penalises each required skill lacking on the shift’s date (expired on it → 1)', () => {
    const v = world('2026-03-10').violations('SKILL_REQUIRED');
    expect(v).toEqual([
      expect.objectContaining({ severity: 'HARD', penalty: 1, measured: 1, limit: 2, staffId: 'a' }),
    ]);
    expect(v[0]!.message).toMatch(/DBS \(expired\)/);
  });

  it('does not penalise a credential valid the day before its expiry', () => {
    expect(world('2026-03-11').violations('SKILL_REQUIRED')).toEqual([]);
  });

  it('does not accept another sector’s verification unless the organisation lists it', () => {
    expect(world(null, 'SOCIAL_CARE').violations('SKILL_REQUIRED')[0]!.message).toMatch(/not accepted/);
    expect(world(null, 'SOCIAL_CARE').accept('DBS').violations('SKILL_REQUIRED')).toEqual([]);
  });

  it('counts every missing skill', () => {
    const f = facts().requireSkills('DBS', 'MH');
    f.work('b', 'E', '2026-03-10');
    expect(f.violations('SKILL_REQUIRED')[0]!.penalty).toBe(2);
  });
});
