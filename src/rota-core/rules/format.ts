import { dateOfDay, type NShift, type NStaff, type Normalised } from '../normalise.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "10 h 59 min", "11 h", "45 min". */
export function duration(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

export function hours(minutes: number): string {
  return `${Math.round((minutes / 60) * 10) / 10} h`;
}

export function day(dayNumber: number): string {
  const wd = WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]!;
  return `${wd} ${dateOfDay(dayNumber)}`;
}

export function who(staff: NStaff): string {
  return staff.fact.name ?? staff.id;
}

export function shiftLabel(n: Normalised, s: NShift): string {
  const code = n.facts.shiftTypes[s.typeIndex]?.code ?? 'shift';
  return `${code} on ${day(s.day)}`;
}

export function skill(n: Normalised, skillId: string): string {
  return n.facts.skillNames?.[skillId] ?? skillId;
}

/** Epoch minutes → epoch milliseconds (violations carry instants in ms). */
export const ms = (minutes: number): number => minutes * 60_000;
