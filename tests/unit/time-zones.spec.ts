import timezones from '@touch4it/ical-timezones';
import { IANAZone } from 'luxon';
import { canonicalTimeZone } from '../../src/common/time-zones.js';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['EUROPE/LONDON', 'Europe/London'],
    ['america/new_york', 'America/New_York'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['utc', 'UTC'],
    ['etc/gmt+1', 'Etc/GMT+1'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    // A link with no spelling of its own in the calendar's zones: the zone it stands for.
    ['GB', 'Europe/London'],
  ])('spells %j as %j', (given, canonical) => expect(canonicalTimeZone(given)).toBe(canonical));

  it.each([
    'Mars/Olympus_Mons',
    'GMT+1',
    'europe london',
    '',
    ' Europe/London',
    'Europe/London ',
    '+01:00',
    42,
    null,
  ])('has no canonical form for %j', (given) => expect(canonicalTimeZone(given)).toBeUndefined());

  it('gives every zone the runtime knows a spelling that luxon accepts and that is its own canonical form', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const canonical = canonicalTimeZone(zone.toLowerCase())!;
      expect(IANAZone.isValidZone(canonical)).toBe(true);
      expect(canonicalTimeZone(canonical)).toBe(canonical);
    }
  });

  it('spells the zones of England and its neighbours the way the calendar feed finds their VTIMEZONE', () => {
    for (const zone of ['europe/london', 'europe/dublin', 'europe/paris', 'utc', 'gb', 'europe/belfast'])
      expect(timezones.getVtimezoneComponent(canonicalTimeZone(zone)!)).toMatch(/^BEGIN:VTIMEZONE/);
  });
});
