import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import timezones from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../common/errors/domain-error.js';
import { canonicalTimeZone } from '../../common/time-zones.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { addDays, localDateOf } from '../../rota-core/dates.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';
import { CalendarTokenEntity } from './calendar-token.entity.js';

/** How the feed names the basis of an assignment outside the person's own team. */
const BASIS_WORDS: Record<string, string> = {
  PLACEMENT: 'placement',
  JOINT_ROLE: 'joint role',
  BANK: 'bank shift',
};

/** The feed covers published shifts from this many days back to this many days ahead. */
export const FEED_DAYS_BACK = 90;
export const FEED_DAYS_AHEAD = 400;

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface IssuedCalendarToken {
  staffId: string;
  token: string;
  url: string;
  issuedAt: Date;
}

interface FeedRow {
  assignment_id: string;
  starts_at: Date;
  ends_at: Date;
  assignment_cancelled_at: Date | null;
  shift_cancelled_at: Date | null;
  created_at: Date;
  unpaid_break_minutes: number;
  basis: string;
  time_zone: string;
  team_name: string;
  organisation_name: string;
  type_code: string;
  type_name: string;
  rota_version: number;
  local_date: string;
}

/**
 * Calendar feeds: a staff member's published shifts as iCalendar, read with a per-person token that is not an API
 * token (it only reads that one feed) and can be revoked. Only the token's SHA-256 is stored.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The person whose feed it is: yourself, or (HR of their employer, ADMIN) someone else. */
  private async staffFor(actor: Actor, staffId: string | null | undefined): Promise<StaffMemberEntity> {
    const id = staffId ?? actor.staffId;
    if (!id) throw new BadUserInputError('your token names no staff record: say whose feed', 'input.staffId');
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneBy({ id });
    if (!staff) throw new NotFoundError('Staff member', id, 'input.staffId');
    Access.assert(
      actor.staffId === staff.id || Access.administersOrganisation(actor, staff.employerId),
      'the calendar feed of that staff member',
    );
    return staff;
  }

  /** A new feed token (any earlier one stops working). The token is shown once: only its hash is kept. */
  async issue(actor: Actor, staffId?: string | null): Promise<IssuedCalendarToken> {
    const staff = await this.staffFor(actor, staffId);
    const token = randomBytes(32).toString('base64url');
    const saved = await this.tx.run(async (em) => {
      const repo = em.getRepository(CalendarTokenEntity);
      await repo
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()', revokedBy: actor.subject })
        .where('staff_id = :staff AND revoked_at IS NULL', { staff: staff.id })
        .execute();
      return repo.save(
        repo.create({ staffId: staff.id, tokenHash: hashToken(token), issuedBy: actor.subject }),
      );
    });
    return {
      staffId: staff.id,
      token,
      url: `${this.config.publicUrl}/calendar/${staff.id}.ics?token=${token}`,
      issuedAt: saved.issuedAt,
    };
  }

  /** Revokes the person's live token; false when there was none. */
  async revoke(actor: Actor, staffId?: string | null): Promise<boolean> {
    const staff = await this.staffFor(actor, staffId);
    const result = await this.tx.run((em) =>
      em
        .getRepository(CalendarTokenEntity)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()', revokedBy: actor.subject })
        .where('staff_id = :staff AND revoked_at IS NULL', { staff: staff.id })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  /** The feed itself, for GET /calendar/<staffId>.ics?token=…; an unknown or revoked token is UNAUTHENTICATED. */
  async feed(staffId: string, token: string | undefined, now: Date = new Date()): Promise<string> {
    const found = token
      ? await this.dataSource
          .getRepository(CalendarTokenEntity)
          .createQueryBuilder('t')
          .where('t.token_hash = :hash AND t.staff_id = :staff AND t.revoked_at IS NULL', {
            hash: hashToken(token),
            staff: staffId,
          })
          .getOne()
      : null;
    if (!found)
      throw new UnauthenticatedError('The calendar link is not valid (revoked, replaced or mistyped)');
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 15 * 60_000) {
      await this.dataSource.query(`UPDATE calendar_token SET last_used_at = $2 WHERE id = $1`, [
        found.id,
        now,
      ]);
    }
    const staff = await this.dataSource.getRepository(StaffMemberEntity).findOneByOrFail({ id: staffId });
    const today = localDateOf(now);
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT a.id AS assignment_id, a.starts_at, a.ends_at, a.cancelled_at AS assignment_cancelled_at,
              s.cancelled_at AS shift_cancelled_at, a.created_at, s.unpaid_break_minutes, a.basis::text AS basis,
              t.time_zone, t.name AS team_name, o.name AS organisation_name, st.code AS type_code,
              st.name AS type_name, r.version AS rota_version, s.local_date::text AS local_date
         FROM assignment a
         JOIN shift s ON s.id = a.shift_id
         JOIN rota r ON r.id = s.rota_id AND r.status = 'PUBLISHED'
         JOIN team t ON t.id = s.team_id
         JOIN organisation o ON o.id = t.organisation_id
         JOIN shift_type st ON st.id = s.shift_type_id
        WHERE a.staff_id = $1 AND s.local_date BETWEEN $2 AND $3
        ORDER BY a.starts_at, a.id`,
      [staffId, addDays(today, -FEED_DAYS_BACK), addDays(today, FEED_DAYS_AHEAD)],
    );
    const calendar = ical({
      name: `Shifts — ${staff.givenName} ${staff.familyName}`,
      prodId: { company: 'Tandem', product: 'Rota', language: 'EN' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 60 * 60,
      // No calendar-wide zone (stamps stay UTC, as RFC 5545 wants); a VTIMEZONE for each zone the events use.
      timezone: { name: null, generator: timezones.getVtimezoneComponent },
    });
    for (const r of rows) {
      const cancelled = r.assignment_cancelled_at ?? r.shift_cancelled_at;
      // As the VTIMEZONE is spelled (a zone stored before zones were canonicalised may be in another case).
      const zone = canonicalTimeZone(r.time_zone) ?? r.time_zone;
      calendar.createEvent({
        // Stable: the same assignment is the same event in every download, so calendars update it in place.
        id: `${r.assignment_id}@tandem`,
        sequence: r.rota_version,
        // Local wall times in the team's zone (TZID), from the stored instants.
        start: DateTime.fromJSDate(r.starts_at).setZone(zone),
        end: DateTime.fromJSDate(r.ends_at).setZone(zone),
        timezone: zone,
        stamp: now,
        created: r.created_at,
        lastModified: cancelled ?? r.created_at,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        summary: `${cancelled ? 'Cancelled: ' : ''}${r.type_name} (${r.type_code}) — ${r.team_name}`,
        location: `${r.team_name}, ${r.organisation_name}`,
        description: [
          `${r.type_name} shift on ${r.local_date} at ${r.team_name} (${r.organisation_name}).`,
          r.unpaid_break_minutes ? `Unpaid break: ${r.unpaid_break_minutes} min.` : null,
          r.basis === 'EMPLOYMENT' ? null : `Worked as: ${BASIS_WORDS[r.basis] ?? r.basis}.`,
          cancelled ? 'This shift was cancelled.' : null,
        ]
          .filter(Boolean)
          .join('\n'),
      });
    }
    return calendar.toString();
  }
}
