import type { EntityManager } from 'typeorm';
import { addDays, daysBetween } from '../rota-core/dates.js';
import { localParts, shiftInstants } from '../rota-core/time.js';
import { RuleSetPreset } from '../modules/organisations/organisation.enums.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { StaffMemberEntity } from '../modules/staff/staff-member.entity.js';
import { AssignmentEntity } from '../modules/rotas/assignment.entity.js';
import { RotaEntity } from '../modules/rotas/rota.entity.js';
import { AssignmentBasis, RotaStatus } from '../modules/rotas/rota.enums.js';
import { ShiftSkillSlotEntity } from '../modules/rotas/shift-skill-slot.entity.js';
import { ShiftTypeEntity } from '../modules/rotas/shift-type.entity.js';
import { ShiftEntity } from '../modules/rotas/shift.entity.js';
import type { DemoTeamKey } from './demo-area.js';

interface TypeSpec {
  code: string;
  name: string;
  start: string;
  minutes: number;
  breakMinutes: number;
  cannotBeFollowedBy?: string[];
  min: number;
  target: number;
  mix?: Array<[skill: string, count: number]>;
}

interface TeamPlan {
  team: DemoTeamKey;
  preset: RuleSetPreset;
  types: TypeSpec[];
  /** Which four-week line person i works (28 entries, Monday first: a shift code or null for a day off). */
  lineOf: (i: number) => Array<string | null>;
}

/**
 * A day line: four weeks, five shifts a week, one weekend worked in four. The weekend week has two weekdays off
 * (Thursday–Friday, or Monday and Friday) so no run passes seven days; it and the week after share a shift code,
 * and the other two weeks have the other code, so a late is never followed by an early. 16 variants spread the
 * cover over every day. `maxLongRun` caps runs of the second code (doctors: at most four long days in a row).
 */
export function dayLine(variant: number, second = 'L', maxLongRun = Infinity): Array<string | null> {
  const weekendWeek = variant % 4;
  const weekendCode = (variant >> 2) % 2 === 0 ? 'E' : second;
  const otherCode = weekendCode === 'E' ? second : 'E';
  const offs = (variant >> 3) % 2 === 0 ? [3, 4] : [0, 4];
  const line: Array<string | null> = [];
  for (let w = 0; w < 4; w++) {
    const k = (w - weekendWeek + 4) % 4;
    const code = k <= 1 ? weekendCode : otherCode;
    for (let d = 0; d < 7; d++) {
      const off = k === 0 ? offs.includes(d) : d >= 5;
      line.push(off ? null : code);
    }
  }
  let run = 0;
  for (let d = 0; d < 56; d++) {
    const i = d % 28;
    run = line[i] === second && second !== 'E' ? run + 1 : 0;
    if (run > maxLongRun) {
      line[i] = 'E';
      run = 0;
    }
  }
  return line;
}

/** Drops shifts from a full-time line for someone on fewer hours (evenly, so the pattern keeps its shape). */
export function partTime(line: Array<string | null>, share: number): Array<string | null> {
  if (share >= 0.95) return line;
  let kept = 0;
  let worked = 0;
  return line.map((code) => {
    if (!code) return null;
    worked++;
    if (kept < Math.round(worked * share)) {
      kept++;
      return code;
    }
    return null;
  });
}

/** A night line: three nights on, four off, starting on a different day for each person. */
export function nightLine(offset: number): Array<string | null> {
  return Array.from({ length: 28 }, (_, d) => ((((d - offset) % 7) + 7) % 7 < 3 ? 'N' : null));
}

/**
 * Doctors' night lines (2016 terms): a block of four weekday nights, or three weekend nights, once in four weeks,
 * then rest, then standard days — so weekends stay at one in four and 46 hours follow every run of nights.
 */
export function doctorNightLine(variant: number): Array<string | null> {
  const weekend = variant % 2 === 1;
  const nightWeek = (variant >> 1) % 4;
  const line: Array<string | null> = [];
  for (let w = 0; w < 4; w++) {
    for (let d = 0; d < 7; d++) {
      if (w === nightWeek) line.push(weekend ? (d >= 4 ? 'N' : null) : d < 4 ? 'N' : null);
      else if (w === (nightWeek + 1) % 4) line.push(null);
      else line.push(d < 5 ? 'E' : null);
    }
  }
  return line;
}

/** The demo teams' shift types, cover, rule sets and working lines. */
export const DEMO_ROTA_PLANS: TeamPlan[] = [
  {
    team: 'ward7',
    preset: RuleSetPreset.WTR_1998,
    types: [
      {
        code: 'E',
        name: 'Early',
        start: '07:00',
        minutes: 480,
        breakMinutes: 30,
        min: 4,
        target: 5,
        mix: [['NMC_REGISTRATION', 2]],
      },
      {
        code: 'L',
        name: 'Late',
        start: '14:30',
        minutes: 480,
        breakMinutes: 30,
        cannotBeFollowedBy: ['E'],
        min: 4,
        target: 5,
        mix: [['NMC_REGISTRATION', 2]],
      },
      {
        code: 'N',
        name: 'Night',
        start: '20:00',
        minutes: 720,
        breakMinutes: 60,
        cannotBeFollowedBy: ['E', 'L'],
        min: 2,
        target: 3,
        mix: [['NMC_REGISTRATION', 1]],
      },
    ],
    lineOf: (i) => (i % 5 === 4 ? nightLine(i) : dayLine(i)),
  },
  {
    team: 'reablementWest',
    preset: RuleSetPreset.SOCIAL_CARE,
    types: [
      {
        code: 'E',
        name: 'Morning calls',
        start: '07:00',
        minutes: 450,
        breakMinutes: 30,
        min: 6,
        target: 8,
        mix: [['MEDICATION_ADMINISTRATION', 2]],
      },
      {
        code: 'L',
        name: 'Evening calls',
        start: '15:00',
        minutes: 420,
        breakMinutes: 30,
        cannotBeFollowedBy: ['E'],
        min: 5,
        target: 7,
      },
    ],
    lineOf: (i) => dayLine(i),
  },
  {
    team: 'oakHouse',
    preset: RuleSetPreset.SOCIAL_CARE,
    types: [
      {
        code: 'E',
        name: 'Early',
        start: '07:00',
        minutes: 450,
        breakMinutes: 30,
        min: 3,
        target: 5,
        mix: [['NMC_REGISTRATION', 1]],
      },
      {
        code: 'L',
        name: 'Late',
        start: '14:00',
        minutes: 450,
        breakMinutes: 30,
        cannotBeFollowedBy: ['E'],
        min: 3,
        target: 5,
        mix: [['NMC_REGISTRATION', 1]],
      },
      {
        code: 'N',
        name: 'Waking night',
        start: '21:00',
        minutes: 600,
        breakMinutes: 30,
        cannotBeFollowedBy: ['E', 'L'],
        min: 2,
        target: 2,
        mix: [['NMC_REGISTRATION', 1]],
      },
    ],
    lineOf: (i) => (i % 4 === 3 ? nightLine(i) : dayLine(i)),
  },
  {
    team: 'juniorDoctors',
    preset: RuleSetPreset.NHS_DOCTORS_2016,
    types: [
      { code: 'E', name: 'Standard day', start: '08:00', minutes: 540, breakMinutes: 30, min: 2, target: 3 },
      { code: 'L', name: 'Long day', start: '08:00', minutes: 750, breakMinutes: 60, min: 1, target: 1 },
      {
        code: 'N',
        name: 'Night',
        start: '20:30',
        minutes: 750,
        breakMinutes: 60,
        cannotBeFollowedBy: ['E', 'L'],
        min: 1,
        target: 1,
      },
    ],
    lineOf: (i) => (i < 8 ? doctorNightLine(i) : dayLine(i, 'L', 4)),
  },
];

/** Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  const weekday = localParts(Date.parse(`${date}T12:00:00Z`), 'UTC').weekday;
  return addDays(date, 1 - weekday);
}

/**
 * For each planned team (unless it already has shift types): its shift types and rule set, a published 4-week
 * rota from this week's Monday and a draft 4-week rota after it, shifts every day, and assignments following each
 * person's pattern (the draft only half filled, so there are open shifts to cover).
 */
export async function seedDemoRotas(
  em: EntityManager,
  teamIds: Record<DemoTeamKey, string>,
  today: string,
): Promise<boolean> {
  const skills = new Map(
    (await em.getRepository(SkillEntity).find({ select: { id: true, code: true } })).map((s) => [
      s.code,
      s.id,
    ]),
  );
  const start = mondayOf(today);
  let created = false;
  for (const plan of DEMO_ROTA_PLANS) {
    const team = await em.getRepository(TeamEntity).findOneByOrFail({ id: teamIds[plan.team] });
    if (await em.getRepository(ShiftTypeEntity).existsBy({ teamId: team.id })) continue;
    created = true;
    await em.getRepository(TeamEntity).update({ id: team.id }, { ruleSetPreset: plan.preset });
    const typeRepo = em.getRepository(ShiftTypeEntity);
    const types = new Map<string, ShiftTypeEntity>();
    for (const spec of plan.types) {
      types.set(
        spec.code,
        await typeRepo.save(
          typeRepo.create({
            teamId: team.id,
            code: spec.code,
            name: spec.name,
            startTime: spec.start,
            durationMinutes: spec.minutes,
            unpaidBreakMinutes: spec.breakMinutes,
            onCall: false,
            sleepIn: false,
            cannotBeFollowedByIds: [],
            active: true,
          }),
        ),
      );
    }
    for (const spec of plan.types) {
      const ids = (spec.cannotBeFollowedBy ?? []).map((c) => types.get(c)!.id);
      if (ids.length) await typeRepo.update({ id: types.get(spec.code)!.id }, { cannotBeFollowedByIds: ids });
    }
    const people = await em
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('s')
      .where('s.home_team_id = :team AND s.active = true', { team: team.id })
      .orderBy('s.employee_number', 'ASC')
      .getMany();
    for (const [index, status] of [RotaStatus.PUBLISHED, RotaStatus.DRAFT].entries()) {
      const rotaStart = addDays(start, index * 28);
      const rota = await em.getRepository(RotaEntity).save(
        em.getRepository(RotaEntity).create({
          teamId: team.id,
          name: `${status === RotaStatus.PUBLISHED ? 'Current' : 'Next'} four weeks`,
          startDate: rotaStart,
          endDate: addDays(rotaStart, 27),
          status,
          version: 1,
          publishedAt:
            status === RotaStatus.PUBLISHED ? new Date(`${addDays(rotaStart, -14)}T10:00:00Z`) : null,
          publishedBy: status === RotaStatus.PUBLISHED ? 'demo-manager' : null,
        }),
      );
      const shiftsByKey = new Map<string, ShiftEntity>();
      for (let d = 0; d < 28; d++) {
        const date = addDays(rotaStart, d);
        for (const spec of plan.types) {
          const at = shiftInstants(date, spec.start, spec.minutes, team.timeZone);
          if (!at.ok) continue;
          const shift = await em.getRepository(ShiftEntity).save(
            em.getRepository(ShiftEntity).create({
              rotaId: rota.id,
              teamId: team.id,
              shiftTypeId: types.get(spec.code)!.id,
              localDate: date,
              startTime: spec.start,
              durationMinutes: spec.minutes,
              unpaidBreakMinutes: spec.breakMinutes,
              startsAt: at.startsAt,
              endsAt: at.endsAt,
              minHeadcount: spec.min,
              targetHeadcount: spec.target,
              maxHeadcount: null,
              cancelledAt: null,
            }),
          );
          if (spec.mix?.length) {
            await em
              .getRepository(ShiftSkillSlotEntity)
              .insert(
                spec.mix.map(([code, count]) => ({ shiftId: shift.id, skillId: skills.get(code)!, count })),
              );
          }
          shiftsByKey.set(`${date}|${spec.code}`, shift);
        }
      }
      const assignments: Array<Partial<AssignmentEntity>> = [];
      const fillDays = status === RotaStatus.PUBLISHED ? 28 : 14;
      people.forEach((person, i) => {
        const line = partTime(plan.lineOf(i), person.contractedHoursPerWeek / 37.5);
        for (let d = 0; d < fillDays; d++) {
          const date = addDays(rotaStart, d);
          const code = line[daysBetween(start, date) % line.length];
          const shift = code ? shiftsByKey.get(`${date}|${code}`) : undefined;
          if (!shift) continue;
          assignments.push({
            shiftId: shift.id,
            staffId: person.id,
            basis: AssignmentBasis.EMPLOYMENT,
            startsAt: shift.startsAt,
            endsAt: shift.endsAt,
            createdBy: 'demo-seed',
            cancelledAt: null,
          });
        }
      });
      for (let k = 0; k < assignments.length; k += 500) {
        await em.getRepository(AssignmentEntity).insert(assignments.slice(k, k + 500));
      }
    }
  }
  return created;
}
