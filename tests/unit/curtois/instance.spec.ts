import { CurtoisFormatError, parseCurtoisInstance } from '../../../src/benchmarks/curtois/instance.js';
import { parseCurtoisRoster } from '../../../src/benchmarks/curtois/roster.js';
import { instance, instanceText } from '../../fixtures/curtois.js';

function formatError(fn: () => unknown): { line: number; reason: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof CurtoisFormatError)
      return { line: error.line, reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a CurtoisFormatError');
}

describe('Curtois instance reader', () => {
  it('reads every section, with CRLF line ends and comments', () => {
    const inst = instance({
      staff: [{ id: 'A', maxShifts: 'D=3|N=0', maxTotal: 4000, minTotal: 960, maxWeekends: 1 }],
      daysOff: ['A,0,13'],
      on: ['A,2,D,5'],
      off: ['A,3,N,2'],
      cover: ['0,D,2,100,1'],
    });
    expect(inst.horizon).toBe(14);
    expect(inst.shiftTypes).toEqual([
      { id: 'D', minutes: 480, cannotFollow: [] },
      { id: 'N', minutes: 600, cannotFollow: ['D'] },
    ]);
    expect(inst.staff).toEqual([
      {
        id: 'A',
        maxShifts: { D: 3, N: 0 },
        maxTotalMinutes: 4000,
        minTotalMinutes: 960,
        maxConsecutiveShifts: 99,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: 1,
      },
    ]);
    expect(inst.daysOff.get('A')).toEqual([0, 13]);
    expect(inst.onRequests).toEqual([{ staffId: 'A', day: 2, shiftId: 'D', weight: 5 }]);
    expect(inst.offRequests).toEqual([{ staffId: 'A', day: 3, shiftId: 'N', weight: 2 }]);
    expect(inst.cover).toEqual([{ day: 0, shiftId: 'D', requirement: 2, weightUnder: 100, weightOver: 1 }]);
  });

  const good = instanceText({ staff: [{ id: 'A' }], cover: ['0,D,1,100,1'] }).split('\r\n');
  const lineOf = (prefix: string) => good.findIndex((l) => l.startsWith(prefix)) + 1;
  const replace = (prefix: string, row: string) => {
    const lines = [...good];
    lines[lineOf(prefix) - 1] = row;
    return lines.join('\n');
  };

  it.each([
    ['a short staff row', 'A,', 'A,D=9,100,0,5', /SECTION_STAFF rows have 8 fields .* found 5/],
    ['a non-number', 'A,', 'A,D=9,lots,0,5,1,1,1', /MaxTotalMinutes must be a whole number, got "lots"/],
    ['an unknown shift in MaxShifts', 'A,', 'A,X=9,100,0,5,1,1,1', /unknown shift type "X"/],
    [
      'min above max minutes',
      'A,',
      'A,D=9,100,200,5,1,1,1',
      /MinTotalMinutes \(200\) is above MaxTotalMinutes \(100\)/,
    ],
    ['a cover day outside the horizon', '0,D', '14,D,1,100,1', /day 14 is outside the horizon \(days 0–13\)/],
    ['an unknown shift after "cannot follow"', 'N,600', 'N,600,D|Q', /unknown shift type "Q"/],
    ['a shift over 24 hours', 'D,480', 'D,1500,', /over 24 hours/],
    ['an unknown section', 'SECTION_COVER', 'SECTION_WISHES', /unknown section SECTION_WISHES/],
  ])('names the line of %s', (_label, prefix, row, message) => {
    const e = formatError(() => parseCurtoisInstance(replace(prefix, row), 'bad.txt'));
    expect(e.line).toBe(lineOf(prefix));
    expect(e.reason).toMatch(message);
    expect(e.message).toBe(`bad.txt:${lineOf(prefix)}: ${e.reason}`);
  });

  it('refuses a file without the staff section, a second cover row for a slot, and data outside a section', () => {
    expect(
      formatError(() => parseCurtoisInstance('SECTION_HORIZON\n14\n\nSECTION_SHIFTS\nD,480,\n', 'x')).reason,
    ).toBe('SECTION_STAFF is missing');
    const twice = instanceText({ staff: [{ id: 'A' }], cover: ['0,D,1,100,1', '0,D,2,100,1'] });
    expect(formatError(() => parseCurtoisInstance(twice, 'x'))).toMatchObject({
      reason: 'a second cover row for D on day 0',
    });
    expect(formatError(() => parseCurtoisInstance('14\n', 'x'))).toMatchObject({ line: 1 });
  });
});

describe('Curtois roster reader', () => {
  const inst = instance({ staff: [{ id: 'A' }, { id: 'B' }] });

  it('reads staff,day,shift rows', () => {
    expect(parseCurtoisRoster('staff,day,shift\r\nA,0,D\r\nB,13,N\r\n', inst)).toEqual([
      { staff: 'A', day: 0, shift: 'D' },
      { staff: 'B', day: 13, shift: 'N' },
    ]);
  });

  it.each([
    ['a wrong header', 'who,day,shift\nA,0,D\n', 1, /the header must be staff,day,shift/],
    ['an unknown person', 'staff,day,shift\nA,0,D\nZ,1,D\n', 3, /unknown staff member "Z"/],
    ['a day outside the horizon', 'staff,day,shift\nA,14,D\n', 2, /day 14 is outside the horizon/],
    ['a day that is not a number', 'staff,day,shift\nA,monday,D\n', 2, /day must be a whole number/],
    ['an unknown shift type', 'staff,day,shift\nA,1,X\n', 2, /unknown shift type "X"/],
    ['a missing field', 'staff,day,shift\nA,1\n', 2, /3 fields/],
    [
      'the same assignment twice',
      'staff,day,shift\nA,1,D\nA,1,D\n',
      3,
      /A already works D on day 1 \(line 2\)/,
    ],
    ['an empty file', '', 0, /empty/],
  ])('names the line of %s', (_label, csv, line, message) => {
    const e = formatError(() => parseCurtoisRoster(csv, inst, 'r.csv'));
    expect(e.line).toBe(line);
    expect(e.reason).toMatch(message);
  });
});
