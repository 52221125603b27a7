import { facts } from '../../fixtures/facts.js';

describe('FORBIDDEN_SEQUENCE', () => {
  it('penalises a forbidden successor on the next day (night → early: 1)', () => {
    const f = facts().forbid('N', 'E');
    f.work('a', 'N', '2026-03-10');
    f.work('a', 'E', '2026-03-11', { start: '09:00' });
    expect(f.violations('FORBIDDEN_SEQUENCE')).toEqual([
      expect.objectContaining({ penalty: 1, shiftIds: ['a:N@2026-03-10', 'a:E@2026-03-11'] }),
    ]);
  });

  it('does not penalise an allowed successor, nor the forbidden one two days later', () => {
    const f = facts().forbid('N', 'E');
    f.work('a', 'N', '2026-03-10');
    f.work('a', 'L', '2026-03-11');
    f.work('b', 'N', '2026-03-10');
    f.work('b', 'E', '2026-03-12');
    expect(f.violations('FORBIDDEN_SEQUENCE')).toEqual([]);
  });

  it('penalises a pair of shift type codes the team’s rule set forbids', () => {
    const f = facts().forbidSequence('L', 'E');
    f.work('a', 'L', '2026-03-10', { start: '12:00' });
    f.work('a', 'E', '2026-03-11');
    f.work('b', 'E', '2026-03-10');
    f.work('b', 'L', '2026-03-11');
    expect(f.violations('FORBIDDEN_SEQUENCE')).toEqual([
      expect.objectContaining({ penalty: 1, staffId: 'a', shiftIds: ['a:L@2026-03-10', 'a:E@2026-03-11'] }),
    ]);
  });
});
