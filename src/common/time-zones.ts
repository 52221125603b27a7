import calendarZones from '@touch4it/ical-timezones/zones.js';
import { IANAZone } from 'luxon';

/** What an IANA name looks like (`Europe/London`, `Etc/GMT+1`, `UTC`); offsets and abbreviations are not names. */
const NAME = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

let spellings: Map<string, string> | undefined;

/**
 * Every zone name's spelling, by its lower case: the runtime's canonical names and every name the calendar feed
 * has a VTIMEZONE for, so a zone is stored as the calendar (and everything else) spells it.
 */
function knownSpellings(): Map<string, string> {
  if (!spellings) {
    spellings = new Map();
    for (const name of ['UTC', ...Intl.supportedValuesOf('timeZone'), ...Object.keys(calendarZones)]) {
      const key = name.toLowerCase();
      if (!spellings.has(key) && NAME.test(name) && IANAZone.isValidZone(name)) spellings.set(key, name);
    }
  }
  return spellings;
}

/**
 * The canonical spelling of an IANA time-zone name (`europe/london` → `Europe/London`; a link the calendar has no
 * spelling of its own for, such as `GB`, → the zone it stands for), or undefined when it names no zone. Time-zone
 * names are matched without regard to case by luxon and PostgreSQL, but not by calendar clients, which look a
 * TZID up exactly: so zones are stored, and sent, only as spelled here.
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64 || !NAME.test(value) || !IANAZone.isValidZone(value)) {
    return undefined;
  }
  const known = knownSpellings();
  const spelled = known.get(value.toLowerCase());
  if (spelled) return spelled;
  const resolved = new Intl.DateTimeFormat('en-GB', { timeZone: value }).resolvedOptions().timeZone;
  return known.get(resolved.toLowerCase()) ?? (NAME.test(resolved) ? resolved : undefined);
}
