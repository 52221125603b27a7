/** Dates, times and labels shared by the staff, leave and HR pages (dates are the API's YYYY-MM-DD). */

export const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Today on the browser's calendar, as YYYY-MM-DD. */
export const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;

export const addMonths = (date: string, n: number): string => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1, 12));
  return d.toISOString().slice(0, 10);
};

export const monthEnd = (date: string): string => addDays(addMonths(monthStart(date), 1), -1);

export const isDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T12:00:00Z`).getTime());

const utc = (d: string) => new Date(`${d}T12:00:00Z`);

export const longDate = (d: string): string =>
  utc(d).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export const shortDate = (d: string): string =>
  utc(d).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const monthName = (d: string): string =>
  utc(d).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An instant in a team's time zone, as "09:30". */
export const clock = (iso: string, timeZone?: string): string =>
  new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });

export const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

export const hours = (minutes: number): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
};

export const pounds = (n: number): string =>
  n.toLocaleString('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export const number = (n: number, digits = 1): string =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits });

/** An enum value as words: ANNUAL_LEAVE → "Annual leave". */
export const words = (value: string): string => {
  const s = value.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const ABSENCE_KINDS = [
  'ANNUAL_LEAVE',
  'STUDY',
  'TRAINING',
  'PARENTAL',
  'COMPASSIONATE',
  'SICKNESS',
  'OTHER',
] as const;

export const DIRECTIONS: Record<string, string> = {
  HEALTH_TO_SOCIAL_CARE: 'Health to social care',
  SOCIAL_CARE_TO_HEALTH: 'Social care to health',
  WITHIN_HEALTH: 'Within health',
  WITHIN_SOCIAL_CARE: 'Within social care',
};
