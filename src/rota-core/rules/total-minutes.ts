import type { ScheduleView } from '../schedule-view.js';

/** Minutes worked on shifts of the rota being checked. */
export function rotaMinutes(schedule: ScheduleView): number {
  let total = 0;
  for (const s of schedule.shifts) if (s.inRota) total += s.work;
  return total;
}

/** Ids of the shifts of the rota being checked. */
export function rotaShiftIds(schedule: ScheduleView): string[] {
  const ids: string[] = [];
  for (const s of schedule.shifts) if (s.inRota) ids.push(s.id);
  return ids;
}
