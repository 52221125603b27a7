import { reportCsv } from '../../src/modules/reports/reports.csv.js';
import type { CredentialExpiryReport } from '../../src/modules/reports/reports.types.js';

describe('report CSV', () => {
  const report = {
    byTeam: [
      { organisationName: '=HYPERLINK("http://evil")', teamName: 'Ward 7, "East"', expired: 1, expiring: 0 },
      { organisationName: 'Nenshire Council', teamName: null, expired: 0, expiring: 2 },
      { organisationName: '-1+1', teamName: '@risk', expired: 0, expiring: 1 },
    ],
  } as unknown as CredentialExpiryReport;

  it('quotes per RFC 4180, ends lines with CRLF, leaves empty cells for nulls, and defuses formulas', () => {
    expect(reportCsv('credentialExpiryReport', report, 'teams')).toBe(
      'organisation,team,expired,expiring\r\n' +
        `"'=HYPERLINK(""http://evil"")","Ward 7, ""East""",1,0\r\n` +
        'Nenshire Council,,0,2\r\n' +
        "'-1+1,'@risk,0,1\r\n",
    );
  });

  it('names the sections there are when asked for another', () => {
    expect(() => reportCsv('credentialExpiryReport', report, 'people')).toThrow(
      'section: must be one of credentials, teams',
    );
  });
});
