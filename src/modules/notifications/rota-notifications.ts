import type { EntityManager } from 'typeorm';
import type { AssignmentFact } from '../../rota-core/model.js';
import type { RotaEntity } from '../rotas/rota.entity.js';
import { RotaOperation, RotaStatus } from '../rotas/rota.enums.js';
import type { ShiftEntity } from '../rotas/shift.entity.js';
import { NotificationKind } from './notification.enums.js';
import type { NotificationsService } from './notifications.service.js';

/** What a write to a rota did, as the write path knows it when it records the change. */
export interface RotaWritten {
  rota: RotaEntity;
  teamName: string;
  operation: RotaOperation;
  /** Whether the rota was published before the write. */
  wasPublished: boolean;
  reason?: string | null;
  /** The rota's assignments before the write. */
  before: readonly AssignmentFact[];
  shifts?: readonly ShiftEntity[];
  removedShiftIds?: readonly string[];
}

const SHIFT_EDITS = new Set<RotaOperation>([
  RotaOperation.UPDATE_SHIFT,
  RotaOperation.UPDATE_SHIFT_TYPE,
  RotaOperation.REMOVE_SHIFT,
]);

/** Changes whose own service tells the people they move (a claim decided, a swap approved): one message, not two. */
const ANNOUNCED_BY_THEIR_SERVICE = new Set<RotaOperation>([
  RotaOperation.DECIDE_OPEN_SHIFT_CLAIM,
  RotaOperation.DECIDE_SHIFT_SWAP,
]);

const rotaName = (w: RotaWritten) =>
  `${w.rota.name ?? `${w.teamName} rota`} (${w.rota.startDate} to ${w.rota.endDate})`;

/**
 * Tells people about a rota write, in its transaction: everyone on a rota when it is published (or withdrawn),
 * and, on a published rota, the people whose assignments the change added, removed or moved (or whose shifts it
 * changed). A draft's edits tell nobody: nothing is final until it is published.
 */
export async function notifyRotaWritten(
  notifications: NotificationsService,
  em: EntityManager,
  w: RotaWritten,
): Promise<void> {
  const links = { rotaId: w.rota.id, teamId: w.rota.teamId };
  if (w.operation === RotaOperation.PUBLISH_ROTA && w.rota.status === RotaStatus.PUBLISHED) {
    const people: Array<{ staff_id: string }> = await em.query(
      `SELECT DISTINCT a.staff_id FROM assignment a JOIN shift s ON s.id = a.shift_id
        WHERE s.rota_id = $1 AND s.cancelled_at IS NULL AND a.cancelled_at IS NULL`,
      [w.rota.id],
    );
    await notifications.notify(em, {
      kind: NotificationKind.ROTA_PUBLISHED,
      staffIds: people.map((p) => p.staff_id),
      title: `Rota published: ${rotaName(w)}`,
      body: `${w.teamName} has published the rota for ${w.rota.startDate} to ${w.rota.endDate}. Your shifts are in your calendar.`,
      links,
      dedupeKey: `rota-published:${w.rota.id}:${w.rota.version}`,
    });
    return;
  }
  if (!w.wasPublished || ANNOUNCED_BY_THEIR_SERVICE.has(w.operation)) return;
  if (w.operation === RotaOperation.UNPUBLISH_ROTA) {
    await notifications.notify(em, {
      kind: NotificationKind.ROTA_CHANGED,
      staffIds: [...new Set(w.before.map((a) => a.staffId))],
      title: `Rota withdrawn: ${rotaName(w)}`,
      body: `${w.teamName} has taken the rota back to draft${w.reason?.trim() ? `: ${w.reason.trim()}` : ''}. Your shifts may change before it is published again.`,
      links,
    });
    return;
  }
  // Who is on which shift of this rota now (a published rota keeps what it removes, cancelled), against before
  // (the facts also hold the people's other rotas).
  const now: Array<{ staff_id: string; shift_id: string }> = await em.query(
    `SELECT s.id AS shift_id, CASE WHEN s.cancelled_at IS NULL THEN a.staff_id END AS staff_id
       FROM shift s LEFT JOIN assignment a ON a.shift_id = s.id AND a.cancelled_at IS NULL
      WHERE s.rota_id = $1`,
    [w.rota.id],
  );
  const removedShifts = new Set(w.removedShiftIds ?? []);
  const ofRota = new Set([...now.map((a) => a.shift_id), ...removedShifts]);
  const pair = (shiftId: string, staffId: string) => `${shiftId}|${staffId}`;
  const before = w.before.filter((a) => ofRota.has(a.shiftId));
  const beforePairs = new Set(before.map((a) => pair(a.shiftId, a.staffId)));
  const nowPairs = new Set(now.filter((a) => a.staff_id).map((a) => pair(a.shift_id, a.staff_id)));
  const affected = new Set<string>();
  for (const a of before) if (!nowPairs.has(pair(a.shiftId, a.staffId))) affected.add(a.staffId);
  for (const a of now)
    if (a.staff_id && !beforePairs.has(pair(a.shift_id, a.staff_id))) affected.add(a.staff_id);
  if (SHIFT_EDITS.has(w.operation)) {
    const changed = new Set([...(w.shifts ?? []).map((s) => s.id), ...removedShifts]);
    for (const a of before) if (changed.has(a.shiftId)) affected.add(a.staffId);
  }
  if (affected.size === 0) return;
  await notifications.notify(em, {
    kind: NotificationKind.ROTA_CHANGED,
    staffIds: [...affected],
    title: `Your shifts changed: ${rotaName(w)}`,
    body: `${w.teamName} changed the published rota${w.reason?.trim() ? `: ${w.reason.trim()}` : ''}. Check your shifts.`,
    links: { ...links, version: String(w.rota.version) },
  });
}
