import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import type { Subject } from '../../common/visibility/relations.js';
import { teamById } from '../organisations/organisations.loaders.js';
import type { RotaChangeEntity } from './rota-change.entity.js';
import type { RuleOverrideEntity } from './rule-override.entity.js';
import { assignmentById, rotaById, shiftById } from './rotas.loaders.js';

/** The team a rota belongs to, and its organisation: whose records a change or an override is. */
async function rotaTeam(rotaId: string | null | undefined, ctx: PolicyContext): Promise<Subject> {
  const rota = rotaId ? await ctx.loaders.get(rotaById).load(rotaId) : null;
  const team = rota ? await ctx.loaders.get(teamById).load(rota.teamId) : null;
  return team ? { teamIds: [team.id], organisationIds: [team.organisationId] } : {};
}

export const ROTA_POLICIES = [
  definePolicy({
    type: 'Rota',
    fields: {
      PUBLIC: [
        'id',
        'team',
        'teamId',
        'name',
        'startDate',
        'endDate',
        'status',
        'version',
        'publishedAt',
        'shifts',
        'absences',
        'changes',
        'overrides',
        'attention',
      ],
    },
    note: 'Which rotas a caller reaches is decided by `rota`/`rotas` (staff: published rotas of their teams); absences, changes and overrides have policies of their own.',
  }),
  definePolicy({
    type: 'Shift',
    fields: {
      PUBLIC: [
        'id',
        'rotaId',
        'teamId',
        'shiftType',
        'shiftTypeId',
        'localDate',
        'startTime',
        'startsAt',
        'endsAt',
        'durationMinutes',
        'realDurationMinutes',
        'workingMinutes',
        'unpaidBreakMinutes',
        'isNight',
        'isLong',
        'isLate',
        'minHeadcount',
        'targetHeadcount',
        'maxHeadcount',
        'skillMix',
        'assignments',
        'cancelledAt',
      ],
    },
  }),
  definePolicy({
    type: 'ShiftType',
    fields: {
      PUBLIC: [
        'id',
        'teamId',
        'code',
        'name',
        'startTime',
        'durationMinutes',
        'unpaidBreakMinutes',
        'onCall',
        'sleepIn',
        'isNight',
        'isLong',
        'isLate',
        'cannotBeFollowedByIds',
        'active',
      ],
    },
  }),
  definePolicy({ type: 'SkillSlot', fields: { PUBLIC: ['skill', 'skillId', 'count'] } }),
  definePolicy({
    type: 'Assignment',
    fields: {
      PUBLIC: [
        'id',
        'shift',
        'shiftId',
        'staff',
        'staffId',
        'basis',
        'createdAt',
        'createdBy',
        'cancelledAt',
        'overrides',
      ],
    },
    note: 'Who works which shift is what a rota is for; the overrides on it have a policy of their own.',
  }),
  definePolicy({
    type: 'RotaEdit',
    fields: {
      PUBLIC: [
        'rota',
        'assignments',
        'shifts',
        'removedAssignmentIds',
        'removedShiftIds',
        'warnings',
        'resolved',
        'skipped',
      ],
    },
    note: 'The answer to a change, for the manager who made it.',
  }),
  definePolicy({
    type: 'SkippedAssignment',
    fields: { PUBLIC: ['shiftId', 'staffId', 'reason', 'violations'] },
  }),
  definePolicy({ type: 'ShiftTypeUpdate', fields: { PUBLIC: ['shiftType', 'shiftsUpdated', 'rotas'] } }),
  definePolicy({ type: 'DeletedRota', fields: { PUBLIC: ['id'] } }),
  definePolicy({
    type: 'RotaTemplate',
    fields: { PUBLIC: ['id', 'teamId', 'name', 'weeks', 'createdBy', 'createdAt', 'shifts'] },
    note: 'A team’s templates: its manager and HR of its organisation (checked by rotaTemplates).',
  }),
  definePolicy({
    type: 'RotaTemplateShift',
    fields: {
      PUBLIC: [
        'week',
        'weekday',
        'shiftTypeId',
        'minHeadcount',
        'targetHeadcount',
        'maxHeadcount',
        'staffIds',
      ],
    },
  }),
  definePolicy<{ rotaId: string }>({
    type: 'AttentionItem',
    subject: (a, ctx) => rotaTeam(a.rotaId, ctx),
    rows: 'TEAM_OVERSIGHT',
    fields: {
      PUBLIC: [
        'kind',
        'rotaId',
        'staffId',
        'assignmentIds',
        'shiftIds',
        'ruleCode',
        'violation',
        'placementId',
        'actions',
        'message',
      ],
    },
    note: 'What a manager must act on: the team’s manager and HR (a breach’s details follow the Violation policy).',
  }),
  definePolicy<RotaChangeEntity>({
    type: 'RotaChange',
    subject: (c, ctx) => rotaTeam(c.rotaId, ctx),
    rows: 'TEAM_OVERSIGHT',
    fields: { PUBLIC: ['version', 'operation', 'reason', 'changedAt', 'changedBy'] },
    note: 'Reasons for changes are free text a manager wrote about people: the team’s manager and HR.',
  }),
  definePolicy<RuleOverrideEntity>({
    type: 'RuleOverride',
    subject: async (o, ctx) => {
      if (o.rotaId) return rotaTeam(o.rotaId, ctx);
      const assignment = o.assignmentId ? await ctx.loaders.get(assignmentById).load(o.assignmentId) : null;
      const shift = assignment ? await ctx.loaders.get(shiftById).load(assignment.shiftId) : null;
      return rotaTeam(shift?.rotaId, ctx);
    },
    rows: 'TEAM_OVERSIGHT',
    fields: { PUBLIC: ['ruleCode', 'reason', 'overriddenAt', 'overriddenBy'] },
    note: 'Why a rule was waived for someone: the team’s manager and HR.',
  }),
];
