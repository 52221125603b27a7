import { DateTime, IANAZone } from 'luxon';
import type { IsoDate } from './passport.js';

/**
 * Local wall-clock time → instants, in one place. A shift is given as a local date, a local start time and a
 * length on the wall clock ("20:00 for 12 hours" ends at 08:00 local), so across a clock change its real
 * duration differs: 11 h on the last Saturday of March in Europe/London, 13 h on the last Saturday of October.
 *
 * Documented resolution of awkward local times:
 * - a **start** that does not exist locally (01:30 on the spring-forward night) is refused;
 * - a local time that occurs **twice** (01:30 on the fall-back night) means its **first** occurrence (the
 *   earlier instant, still on summer time) — for starts and ends alike;
 * - an **end** that falls in a spring-forward gap is pushed forward by the gap (01:30 → 02:30 summer time).
 */

const MINUTE = 60_000;

export type LocalTimeResolution =
  | { kind: 'unique'; instant: number }
  | { kind: 'ambiguous'; instant: number; later: number }
  | { kind: 'nonexistent'; pushedForward: number };

function zoneOf(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new RangeError(`Unknown time zone ${name}`);
  return zone;
}

/** Wall-clock fields as if they were UTC: lets us do wall-clock arithmetic with plain numbers. */
export function wallMillis(date: IsoDate, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm);
}

/** Every instant at which the zone's clock shows `wall` (0, 1 or 2 of them). */
export function resolveWall(wall: number, zoneName: string): LocalTimeResolution {
  const zone = zoneOf(zoneName);
  // Offsets in force around that wall time (a transition is never more than a day away from both sides).
  const offsets = new Set([
    zone.offset(wall - 86_400_000),
    zone.offset(wall),
    zone.offset(wall + 86_400_000),
  ]);
  const instants = [...offsets]
    .map((o) => wall - o * MINUTE)
    .filter((t) => zone.offset(t) * MINUTE === wall - t)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    // In a gap: keep the offset from before the gap, which lands just after the transition.
    const before = zone.offset(wall - 86_400_000);
    return { kind: 'nonexistent', pushedForward: wall - before * MINUTE };
  }
  if (instants.length === 1) return { kind: 'unique', instant: instants[0]! };
  return { kind: 'ambiguous', instant: instants[0]!, later: instants.at(-1)! };
}

export type ShiftInstants =
  | { ok: true; startsAt: Date; endsAt: Date; ambiguousStart: boolean }
  | { ok: false; reason: 'NONEXISTENT_START'; message: string };

/**
 * The instants of a shift starting at `startTime` on `localDate` in `zone`, lasting `durationMinutes` on the
 * wall clock. Refuses a start that does not exist locally.
 */
export function shiftInstants(
  localDate: IsoDate,
  startTime: string,
  durationMinutes: number,
  zone: string,
): ShiftInstants {
  const wallStart = wallMillis(localDate, startTime);
  const start = resolveWall(wallStart, zone);
  if (start.kind === 'nonexistent') {
    return {
      ok: false,
      reason: 'NONEXISTENT_START',
      message: `${startTime} does not exist on ${localDate} in ${zone} (the clocks go forward)`,
    };
  }
  const end = resolveWall(wallStart + durationMinutes * MINUTE, zone);
  const endsAt = end.kind === 'nonexistent' ? end.pushedForward : end.instant;
  return {
    ok: true,
    startsAt: new Date(start.instant),
    endsAt: new Date(endsAt),
    ambiguousStart: start.kind === 'ambiguous',
  };
}

/** The local date and time of an instant in a zone. */
export function localParts(
  instant: Date | number,
  zone: string,
): { date: IsoDate; time: string; weekday: number } {
  const dt = DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime(), { zone });
  return { date: dt.toISODate()!, time: dt.toFormat('HH:mm'), weekday: dt.weekday };
}

/** The instant a local wall time means (first occurrence; pushed forward out of a gap). */
export function resolveLocalInstant(date: IsoDate, time: string, zone: string): number {
  const r = resolveWall(wallMillis(date, time), zone);
  return r.kind === 'nonexistent' ? r.pushedForward : r.instant;
}
