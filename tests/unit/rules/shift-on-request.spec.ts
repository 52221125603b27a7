import { facts } from '../../fixtures/facts.js';

describe('SHIFT_ON_REQUEST', () => {
  it('costs the request’s weight when the requested shift is not given (another shift does not count)', () => {
    const f = facts().request('a', '2026-03-03', 'E', 'ON', 5).request('a', '2026-03-04', 'E', 'ON', 2);
    f.work('a', 'L', '2026-03-03');
    expect(f.violations('SHIFT_ON_REQUEST').map((v) => [v.penalty, v.severity])).toEqual([
      [5, 'SOFT'],
      [2, 'SOFT'],
    ]);
  });

  it('costs nothing when it is given', () => {
    const f = facts().request('a', '2026-03-03', 'E', 'ON', 5);
    f.work('a', 'E', '2026-03-03');
    expect(f.violations('SHIFT_ON_REQUEST')).toEqual([]);
  });
});
