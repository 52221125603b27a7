import { facts } from '../../fixtures/facts.js';

describe('MAX_TOTAL_MINUTES', () => {
  it('penalises minutes over the person’s maximum over the rota (4 × 450 = 1800 of 1500 → 300), not at it', () => {
    const over = facts().person('a', { limits: { maxTotalMinutes: 1500 } });
    over.run('a', 'E', '2026-03-02', 4);
    expect(over.violations('MAX_TOTAL_MINUTES')).toEqual([
      expect.objectContaining({ penalty: 300, measured: 1800 }),
    ]);
    const at = facts().person('a', { limits: { maxTotalMinutes: 1800 } });
    at.run('a', 'E', '2026-03-02', 4);
    expect(at.violations('MAX_TOTAL_MINUTES')).toEqual([]);
  });
});
