import type { NShift, Normalised } from '../normalise.js';

export function inRotaDays(n: Normalised, day: number): boolean {
  return day >= n.rotaStartDay && day <= n.rotaEndDay;
}

/** Minutes of [a0, a1) inside [b0, b1). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** Working minutes of a shift that fall inside [from, to) (the unpaid break shared out pro rata). */
export function workWithin(s: NShift, from: number, to: number): number {
  const inside = overlap(s.start, s.end, from, to);
  if (inside === 0) return 0;
  return inside === s.end - s.start ? s.work : (s.work * inside) / (s.end - s.start);
}

/** Is the person under 18 on this day? */
export function youngOn(adultFrom: number, day: number): boolean {
  return day < adultFrom;
}
