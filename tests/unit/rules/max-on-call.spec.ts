import { unitOf } from '../../../src/rota-core/index.js';
import { facts } from '../../fixtures/facts.js';

describe('MAX_ON_CALL', () => {
  const doctors = () => facts().usePreset('NHS_DOCTORS_2016').type('OC', '09:00', 1440, 0, { onCall: true });

  it('penalises on-call periods beyond 3 in 7 days (4 → 1), and not 3', () => {
    const f = doctors();
    for (const d of ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-08']) f.work('a', 'OC', d);
    const periods = f.violations('MAX_ON_CALL').filter((v) => v.limit === 3);
    expect(periods).toEqual([expect.objectContaining({ penalty: 1, measured: 4 })]);
    expect(unitOf(periods[0]!)).toBe('SHIFTS');
    const g = doctors();
    for (const d of ['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-09']) g.work('a', 'OC', d);
    expect(g.violations('MAX_ON_CALL').filter((v) => v.limit === 3)).toEqual([]);
  });

  it('penalises minutes over 10 h of work the day after an on-call period', () => {
    const f = doctors().type('X', '09:00', 720, 60); // 11 h of work
    f.work('a', 'OC', '2026-03-02');
    f.work('a', 'X', '2026-03-03', { start: '10:00' });
    const next = f.violations('MAX_ON_CALL');
    expect(next).toEqual([expect.objectContaining({ penalty: 60, measured: 660, limit: 600 })]);
    expect(unitOf(next[0]!)).toBe('MINUTES');
  });
});
