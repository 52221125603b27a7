import type { Subject } from '../../common/visibility/relations.js';
import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import type { StaffMemberEntity } from './staff-member.entity.js';
import { staffById } from './staff.loaders.js';

/** A staff record as a visibility subject: the person, their employer and home team. */
export const staffSubject = (s: Pick<StaffMemberEntity, 'id' | 'employerId' | 'homeTeamId'>): Subject => ({
  staffId: s.id,
  employerId: s.employerId,
  homeTeamId: s.homeTeamId,
});

/**
 * The subject of a record about a person known by id (their staff record loaded in bulk): synchronous when a list
 * resolver has already loaded the people (`Loaders.prefetch`).
 */
export function personSubject(staffId: string, { loaders }: PolicyContext): Subject | Promise<Subject> {
  const of = (staff: StaffMemberEntity | null | undefined): Subject =>
    staff ? staffSubject(staff) : { staffId };
  const known = loaders.peekRow(staffById, staffId);
  // Only the subject's columns are needed: the lightest variant of the loader.
  return known !== undefined ? of(known) : loaders.get(staffById.only([])).load(staffId).then(of);
}

/** A person's subject with more organisations concerned (a verifier, a host): synchronous when the person's is. */
export function personSubjectWith(
  staffId: string,
  ctx: PolicyContext,
  extra: Omit<Subject, 'staffId' | 'employerId' | 'homeTeamId'>,
): Subject | Promise<Subject> {
  const person = personSubject(staffId, ctx);
  return person instanceof Promise ? person.then((s) => ({ ...s, ...extra })) : { ...person, ...extra };
}

export const STAFF_POLICIES = [
  definePolicy<StaffMemberEntity>({
    type: 'StaffMember',
    subject: staffSubject,
    fields: {
      PUBLIC: [
        'id',
        'name',
        'givenName',
        'familyName',
        'jobTitle',
        'staffGroup',
        'ruleProfile',
        'employer',
        'employerId',
        'homeTeam',
        'homeTeamId',
        'active',
        'createdAt',
        'updatedAt',
      ],
      PERSONAL: [
        'email',
        'phone',
        'employeeNumber',
        'dateOfBirth',
        'payFramework',
        'payGrade',
        'contractedHoursPerWeek',
        'workingTimeOptOut',
        'optOutSignedOn',
        'ruleLimits',
        'credentials',
        'placements',
        'jointRoleAppointments',
      ],
    },
    note: 'Who the person is and where they work is shown wherever they are reached (a rota, a placement, a candidate list); the rest is their employer’s record.',
  }),
  definePolicy({
    type: 'RuleLimits',
    fields: {
      PUBLIC: [
        'maxShiftsByType',
        'minTotalMinutes',
        'maxTotalMinutes',
        'maxConsecutiveShifts',
        'minConsecutiveShifts',
        'minConsecutiveDaysOff',
        'maxWeekends',
      ],
    },
    note: 'Reached only through StaffMember.ruleLimits (PERSONAL).',
  }),
  definePolicy({ type: 'ShiftTypeLimit', fields: { PUBLIC: ['shiftTypeId', 'max'] } }),
  definePolicy({
    type: 'Me',
    fields: {
      PUBLIC: [
        'subject',
        'name',
        'roles',
        'organisationIds',
        'organisations',
        'teamIds',
        'teams',
        'staffId',
        'staffMember',
      ],
    },
    note: 'The caller’s own token.',
  }),
];
