import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { addDays } from '../../rota-core/dates.js';
import type {
  AbsenceFact,
  AppointmentFact,
  PlacementFact,
  BankShiftFact,
  RotaFacts,
  RuleOverrides,
  ShiftFact,
  ShiftRequestFact,
  StaffFact,
} from '../../rota-core/model.js';
import type { Sector } from '../../rota-core/passport.js';
import { AbsenceEntity } from '../absences/absence.entity.js';
import { AbsenceStatus } from '../absences/absence.enums.js';
import { ShiftRequestEntity } from '../absences/shift-request.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TeamRequiredSkillEntity } from '../organisations/team-required-skill.entity.js';
import { TeamEntity } from '../organisations/team.entity.js';
import { PassportService } from '../passport/passport.service.js';
import { AssignmentEntity } from '../rotas/assignment.entity.js';
import { RotaEntity } from '../rotas/rota.entity.js';
import { ShiftSkillSlotEntity } from '../rotas/shift-skill-slot.entity.js';
import { ShiftTypeEntity } from '../rotas/shift-type.entity.js';
import { SkillEntity } from '../skills/skill.entity.js';
import { ShiftEntity } from '../rotas/shift.entity.js';
import { StaffMemberEntity } from '../staff/staff-member.entity.js';

/**
 * How far back a check looks: the longest rule horizon (26-week reference periods) plus a week. Assignments of
 * the people involved in that window, at any team, are loaded as history.
 */
export const LOOK_BACK_DAYS = 26 * 7 + 7;
/** And forward (rest and runs continue into the next rota). */
export const LOOK_AHEAD_DAYS = 14;

/** Extra people to bring into a snapshot (candidates, the person being previewed). */
export interface SnapshotOptions {
  staffIds?: readonly string[];
}

/** Placements and joint-role appointments come from their own modules; this is how they plug in. */
export interface AuthorisationSource {
  placements(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<PlacementFact[]>;
  appointments(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<AppointmentFact[]>;
  /** People authorised at a team on some day of [from, to] without being employed there. */
  authorisedStaffIds(
    em: EntityManager,
    teamId: string,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<string[]>;
  /** Approved bank claims of these people on shifts of [from, to] (each authorises its one shift). */
  bankShifts(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<BankShiftFact[]>;
}

export const AUTHORISATION_SOURCE = Symbol('AUTHORISATION_SOURCE');

/**
 * One snapshot per check: a fixed number of bulk queries (`= ANY($1)`) whatever the rota's size, run one after
 * another on the caller's EntityManager, so a write can check inside its own transaction (one connection).
 */
@Injectable()
export class RotaFactsLoader {
  constructor(private readonly passport: PassportService) {}

  async load(
    em: EntityManager,
    rotaId: string,
    options: SnapshotOptions & { now?: Date; authorisation?: AuthorisationSource } = {},
  ): Promise<{ facts: RotaFacts; rota: RotaEntity; team: TeamEntity }> {
    const rota = await em.getRepository(RotaEntity).findOneBy({ id: rotaId });
    if (!rota) throw new NotFoundError('Rota', rotaId, 'rotaId');
    const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: rota.teamId });
    const from = addDays(rota.startDate, -LOOK_BACK_DAYS);
    const to = addDays(rota.endDate, LOOK_AHEAD_DAYS);

    const shifts = await em
      .getRepository(ShiftEntity)
      .createQueryBuilder('s')
      .where('s.rota_id = :rotaId AND s.cancelled_at IS NULL', { rotaId })
      .getMany();
    const required = await em.getRepository(TeamRequiredSkillEntity).findBy({ teamId: team.id });
    const types = await em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id });
    const typeById = new Map(types.map((t) => [t.id, t]));
    const shiftIds = shifts.map((s) => s.id);
    const slots = await em
      .getRepository(ShiftSkillSlotEntity)
      .createQueryBuilder('k')
      .where('k.shift_id = ANY(:shiftIds)', { shiftIds })
      .getMany();
    const assignments = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where('a.shift_id = ANY(:shiftIds) AND a.cancelled_at IS NULL', { shiftIds })
      .getMany();
    const staffIds = [...new Set([...assignments.map((a) => a.staffId), ...(options.staffIds ?? [])])];

    // History and other teams' shifts of the people involved, inside the look-back and look-ahead.
    const elsewhere = staffIds.length
      ? await em
          .getRepository(AssignmentEntity)
          .createQueryBuilder('a')
          .innerJoinAndSelect('a.shift', 's')
          .where('a.staff_id = ANY(:staffIds) AND a.cancelled_at IS NULL', { staffIds })
          .andWhere('s.rota_id <> :rotaId', { rotaId })
          .andWhere('s.local_date BETWEEN :from AND :to', { from, to })
          .getMany()
      : [];
    const otherTeamIds = [...new Set(elsewhere.map((a) => a.shift!.teamId))];
    const people = staffIds.length > 0;
    const staffRows = people
      ? await em
          .getRepository(StaffMemberEntity)
          .createQueryBuilder('p')
          .where('p.id = ANY(:staffIds)', { staffIds })
          .getMany()
      : [];
    const credentials = people ? await this.passport.loadCredentialFacts(em, staffIds) : [];
    const absences = people
      ? await em
          .getRepository(AbsenceEntity)
          .createQueryBuilder('x')
          .where('x.staff_id = ANY(:staffIds) AND x.status = :approved', {
            staffIds,
            approved: AbsenceStatus.APPROVED,
          })
          .andWhere('x.end_date >= :from AND x.start_date <= :to', { from: rota.startDate, to: rota.endDate })
          .getMany()
      : [];
    const requests = people
      ? await em
          .getRepository(ShiftRequestEntity)
          .createQueryBuilder('r')
          .where('r.staff_id = ANY(:staffIds)', { staffIds })
          .andWhere('r.date BETWEEN :from AND :to', { from: rota.startDate, to: rota.endDate })
          .getMany()
      : [];
    const otherTeams = otherTeamIds.length
      ? await em
          .getRepository(TeamEntity)
          .createQueryBuilder('t')
          .where('t.id = ANY(:otherTeamIds)', { otherTeamIds })
          .getMany()
      : [];
    const orgIds = [
      ...new Set([
        team.organisationId,
        ...staffRows.map((s) => s.employerId),
        ...otherTeams.map((t) => t.organisationId),
      ]),
    ];
    const orgs = await em
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = ANY(:orgIds)', { orgIds })
      .getMany();
    const policies = await this.passport.loadPolicies(em, [team.organisationId]);
    const skillIds = [...new Set([...required.map((r) => r.skillId), ...slots.map((k) => k.skillId)])];
    const skillRows = skillIds.length
      ? await em
          .getRepository(SkillEntity)
          .createQueryBuilder('k')
          .where('k.id = ANY(:skillIds)', { skillIds })
          .getMany()
      : [];
    const source = options.authorisation;
    const placements =
      source && people ? await source.placements(em, staffIds, rota.startDate, rota.endDate) : [];
    const appointments =
      source && people ? await source.appointments(em, staffIds, rota.startDate, rota.endDate) : [];
    const bankShifts =
      source && people ? await source.bankShifts(em, staffIds, rota.startDate, rota.endDate) : [];

    const slotsByShift = new Map<string, ShiftSkillSlotEntity[]>();
    for (const k of slots) slotsByShift.set(k.shiftId, [...(slotsByShift.get(k.shiftId) ?? []), k]);
    const teamOrg = new Map<string, string>([
      [team.id, team.organisationId],
      ...otherTeams.map((t) => [t.id, t.organisationId] as [string, string]),
    ]);
    const toFact = (s: ShiftEntity, inRota: boolean): ShiftFact => ({
      id: s.id,
      teamId: s.teamId,
      organisationId: teamOrg.get(s.teamId),
      typeId: s.shiftTypeId,
      localDate: s.localDate,
      startsAt: s.startsAt.getTime(),
      endsAt: s.endsAt.getTime(),
      unpaidBreakMinutes: s.unpaidBreakMinutes,
      onCall: typeById.get(s.shiftTypeId)?.onCall ?? false,
      sleepIn: typeById.get(s.shiftTypeId)?.sleepIn ?? false,
      minHeadcount: s.minHeadcount,
      maxHeadcount: s.maxHeadcount,
      targetHeadcount: s.targetHeadcount,
      skillSlots: (slotsByShift.get(s.id) ?? []).map((k) => ({ skillId: k.skillId, count: k.count })),
      inRota,
    });
    const otherShifts = new Map<string, ShiftEntity>();
    for (const a of elsewhere) otherShifts.set(a.shift!.id, a.shift!);

    const facts: RotaFacts = {
      now: (options.now ?? new Date()).getTime(),
      team: {
        id: team.id,
        organisationId: team.organisationId,
        timeZone: team.timeZone,
        requiredSkillIds: required.map((r) => r.skillId),
      },
      rota: { id: rota.id, startDate: rota.startDate, endDate: rota.endDate },
      ruleSet: {
        preset: team.ruleSetPreset,
        overrides: team.ruleSetOverrides as RuleOverrides,
        forbiddenSequences: team.ruleSetForbiddenSequences ?? [],
      },
      staff: staffRows.map(toStaffFact),
      shiftTypes: types.map((t) => ({
        id: t.id,
        code: t.code,
        cannotBeFollowedByIds: t.cannotBeFollowedByIds,
      })),
      shifts: [
        ...shifts.map((s) => toFact(s, true)),
        ...[...otherShifts.values()].map((s) => toFact(s, false)),
      ],
      assignments: [
        ...assignments.map((a) => ({ shiftId: a.shiftId, staffId: a.staffId })),
        ...elsewhere.map((a) => ({ shiftId: a.shiftId, staffId: a.staffId })),
      ],
      absences: absences.map((a): AbsenceFact => ({
        staffId: a.staffId,
        startDate: a.startDate,
        endDate: a.endDate,
      })),
      shiftRequests: requests.map((r): ShiftRequestFact => ({
        staffId: r.staffId,
        date: r.date,
        typeId: r.shiftTypeId,
        kind: r.kind,
        weight: r.weight,
      })),
      credentials,
      acceptance: policies.get(team.organisationId),
      placements,
      appointments,
      bankShifts,
      organisationSectors: Object.fromEntries(orgs.map((o) => [o.id, o.sector as Sector])),
      skillNames: Object.fromEntries(skillRows.map((k) => [k.id, k.name])),
    };
    return { facts, rota, team };
  }
}

export function toStaffFact(s: StaffMemberEntity): StaffFact {
  return {
    id: s.id,
    name: `${s.givenName} ${s.familyName}`,
    employerId: s.employerId,
    dateOfBirth: s.dateOfBirth,
    contractedMinutesPerWeek: Math.round(s.contractedHoursPerWeek * 60),
    optOut: s.workingTimeOptOut,
    ruleProfile: s.ruleProfile,
    limits: s.ruleLimits ?? undefined,
  };
}
