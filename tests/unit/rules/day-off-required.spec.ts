import { facts } from '../../fixtures/facts.js';

describe('DAY_OFF_REQUIRED', () => {
  it('penalises a shift on a fixed day off by 1, and not the next day', () => {
    const f = facts().person('a', { fixedDaysOff: ['2026-03-05'] });
    f.work('a', 'E', '2026-03-05');
    f.work('a', 'E', '2026-03-06');
    expect(f.violations('DAY_OFF_REQUIRED')).toEqual([
      expect.objectContaining({ penalty: 1, shiftIds: ['a:E@2026-03-05'] }),
    ]);
  });
});
