import { facts } from '../../fixtures/facts.js';

describe('SHIFT_OFF_REQUEST', () => {
  it('costs the request’s weight when the unwanted shift is given, nothing otherwise', () => {
    const f = facts().request('a', '2026-03-03', 'N', 'OFF', 3).request('a', '2026-03-05', 'N', 'OFF', 3);
    f.work('a', 'N', '2026-03-03');
    f.work('a', 'E', '2026-03-05');
    expect(f.violations('SHIFT_OFF_REQUEST')).toEqual([
      expect.objectContaining({ severity: 'SOFT', penalty: 3, shiftIds: ['a:N@2026-03-03'] }),
    ]);
  });
});
