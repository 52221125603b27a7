import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import { isAdmin, type Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { OrganisationEntity } from './organisation.entity.js';
import { overrideProblems } from '../../rota-core/presets/parameters.js';
import { floorBreaches, limitsFor, protectedRules } from '../../rota-core/presets/floors.js';
import { ShiftTypeEntity } from '../rotas/shift-type.entity.js';
import type { RuleSetPreset } from './organisation.enums.js';
import type { CreateTeamInput, RuleSetInput, TeamsArgs, UpdateTeamInput } from './organisations.types.js';
import { SkillsService } from '../skills/skills.service.js';
import { TeamRequiredSkillEntity } from './team-required-skill.entity.js';
import { TeamEntity, type StoredDerogation } from './team.entity.js';

export const DEFAULT_TIME_ZONE = 'Europe/London';

type StoredOverrides = TeamEntity['ruleSetOverrides'];

/** What a rule set is validated against besides itself. */
export interface RuleSetContext {
  actor: Actor;
  /** The team's derogations now (kept when the input names none). */
  existing: readonly StoredDerogation[];
  /** The team's shift type codes (forbidden sequences name them). */
  shiftTypeCodes: ReadonlySet<string>;
  now: Date;
}

export interface StoredRuleSet {
  preset: RuleSetPreset;
  overrides: StoredOverrides;
  derogations: StoredDerogation[];
  forbiddenSequences: Array<{ first: string; then: string }>;
}

const sameDerogation = (a: { ruleCode: string; param?: string | null }, b: StoredDerogation) =>
  a.ruleCode === b.ruleCode && (a.param ?? null) === b.param;

/**
 * A rule-set input as stored on the team, or BAD_USER_INPUT naming what is wrong. Statutory (and, on
 * NHS_DOCTORS_2016, contractual) limits may be made stricter, never weaker, unless a derogation names the
 * weakening; only ADMIN may add a derogation (FORBIDDEN otherwise), and one that covers nothing is refused.
 */
export function toStoredRuleSet(input: RuleSetInput, ctx: RuleSetContext): StoredRuleSet {
  const overrides: StoredOverrides = {};
  const inputs = input.overrides ?? [];
  inputs.forEach((o, i) => {
    if (overrides[o.ruleCode])
      throw new BadUserInputError(`${o.ruleCode} appears twice`, `input.ruleSet.overrides[${i}].ruleCode`);
    overrides[o.ruleCode] = {
      ...(o.severity ? { severity: o.severity } : {}),
      ...(o.params?.length
        ? { params: Object.fromEntries(o.params.map((p) => [p.name, p.value ?? null])) }
        : {}),
    };
  });
  const problems = overrideProblems(overrides);
  if (problems.length) {
    throw new BadUserInputError(problems.map((p) => p.message).join('; '), 'input.ruleSet.overrides', {
      problems,
    });
  }

  // Derogations: the input's list replaces the team's; omitted, the team's stand.
  const derogations: StoredDerogation[] = [];
  const requested = input.derogations;
  const limited = protectedRules(input.preset);
  if (requested) {
    requested.forEach((d, i) => {
      const field = `input.ruleSet.derogations[${i}]`;
      const param = d.param ?? null;
      const reason = d.reason.trim();
      const kept = ctx.existing.find((e) => sameDerogation(d, e) && e.reason === reason);
      if (!kept && !isAdmin(ctx.actor))
        throw new ForbiddenError(
          'Only an ADMIN may allow a statutory or contractual limit to be weakened (a derogation)',
          { field },
        );
      if (derogations.some((e) => sameDerogation(d, e)))
        throw new BadUserInputError(`${d.ruleCode}${param ? `.${param}` : ''} appears twice`, field);
      if (!reason) throw new BadUserInputError('A derogation needs a reason', `${field}.reason`);
      const limit = limited.get(d.ruleCode);
      if (!limit)
        throw new BadUserInputError(
          `${d.ruleCode} has no statutory or contractual limit on the ${input.preset} preset: nothing to derogate from`,
          `${field}.ruleCode`,
        );
      if (param && !limitsFor(input.preset).some((l) => l.ruleCode === d.ruleCode && l.param === param))
        throw new BadUserInputError(
          `${d.ruleCode}.${param} is not a statutory or contractual limit on the ${input.preset} preset`,
          `${field}.param`,
        );
      derogations.push(
        kept ?? {
          ruleCode: d.ruleCode,
          param,
          reason,
          grantedBy: ctx.actor.subject,
          grantedAt: ctx.now.toISOString(),
        },
      );
    });
  } else {
    derogations.push(...ctx.existing);
  }

  const breaches = floorBreaches(input.preset, overrides, derogations);
  const uncovered = breaches.find((b) => !b.derogated);
  if (uncovered) {
    const i = inputs.findIndex((o) => o.ruleCode === uncovered.ruleCode);
    const j = uncovered.param ? (inputs[i]?.params ?? []).findIndex((p) => p.name === uncovered.param) : -1;
    const field = uncovered.param
      ? `input.ruleSet.overrides[${i}].params[${j}].value`
      : `input.ruleSet.overrides[${i}].severity`;
    throw new BadUserInputError(uncovered.message, field, {
      ruleCode: uncovered.ruleCode,
      param: uncovered.param,
      statutoryValue: uncovered.limit.value,
      direction: uncovered.limit.direction,
      source: uncovered.limit.source,
      kind: uncovered.limit.kind,
    });
  }
  // A derogation stands only while it covers a weakening: a new one that covers nothing is refused, one the
  // rule set no longer needs is dropped (the audit trail keeps it).
  const used = (d: StoredDerogation) =>
    breaches.some((b) => b.ruleCode === d.ruleCode && b.param === d.param);
  if (requested) {
    const idle = derogations.findIndex(
      (d) => !used(d) && !ctx.existing.some((e) => sameDerogation(d, e) && e.reason === d.reason),
    );
    if (idle >= 0) {
      const d = derogations[idle]!;
      throw new BadUserInputError(
        `The derogation for ${d.ruleCode}${d.param ? `.${d.param}` : ''} covers nothing: the rule set does not weaken it`,
        `input.ruleSet.derogations[${idle}]`,
      );
    }
  }

  const forbiddenSequences: Array<{ first: string; then: string }> = [];
  (input.forbiddenSequences ?? []).forEach((f, i) => {
    for (const key of ['first', 'then'] as const) {
      if (!ctx.shiftTypeCodes.has(f[key]))
        throw new BadUserInputError(
          `The team has no shift type ${f[key]}${ctx.shiftTypeCodes.size ? ` (it has ${[...ctx.shiftTypeCodes].sort().join(', ')})` : ''}`,
          `input.ruleSet.forbiddenSequences[${i}].${key}`,
        );
    }
    if (forbiddenSequences.some((x) => x.first === f.first && x.then === f.then))
      throw new BadUserInputError(
        `${f.first} → ${f.then} appears twice`,
        `input.ruleSet.forbiddenSequences[${i}]`,
      );
    forbiddenSequences.push({ first: f.first, then: f.then });
  });

  return { preset: input.preset, overrides, derogations: derogations.filter(used), forbiddenSequences };
}

const TEAM_CONSTRAINTS = {
  uq_team_organisation_name: () =>
    new ConflictError('That organisation already has a team with that name', { field: 'input.name' }),
};

@Injectable()
export class TeamsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly skills: SkillsService,
  ) {}

  /** Replaces a team's required skills (unknown skills: NOT_FOUND naming input.requiredSkillIds). */
  private async setRequiredSkills(em: EntityManager, teamId: string, skillIds: string[]): Promise<void> {
    await this.skills.requireAll(skillIds, 'input.requiredSkillIds', em);
    const repo = em.getRepository(TeamRequiredSkillEntity);
    await repo.delete({ teamId });
    if (skillIds.length) await repo.insert([...new Set(skillIds)].map((skillId) => ({ teamId, skillId })));
  }

  async list(args: TeamsArgs): Promise<ConnectionShape<TeamEntity>> {
    const exists = await this.dataSource
      .getRepository(OrganisationEntity)
      .existsBy({ id: args.organisationId });
    if (!exists) throw new NotFoundError('Organisation', args.organisationId, 'organisationId');
    const qb = this.dataSource
      .getRepository(TeamEntity)
      .createQueryBuilder('t')
      .where('t.organisation_id = :org', { org: args.organisationId });
    return paginate(qb, args, [
      { expression: 'lower(t.name)', value: (t) => t.name.toLowerCase() },
      { expression: 't.id', value: (t) => t.id },
    ]);
  }

  async get(id: string): Promise<TeamEntity> {
    const found = await this.dataSource.getRepository(TeamEntity).findOneBy({ id });
    if (!found) throw new NotFoundError('Team', id, 'id');
    return found;
  }

  create(actor: Actor, input: CreateTeamInput): Promise<TeamEntity> {
    return this.tx.run(
      async (em) => {
        const org = await em.getRepository(OrganisationEntity).findOneBy({ id: input.organisationId });
        if (!org) throw new NotFoundError('Organisation', input.organisationId, 'input.organisationId');
        Access.assert(Access.administersOrganisation(actor, org.id), `organisation ${org.name}`);
        const repo = em.getRepository(TeamEntity);
        const team = await repo.save(
          repo.create({
            organisationId: org.id,
            name: input.name.trim(),
            kind: input.kind,
            timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
            ...(input.ruleSet
              ? ruleSetColumns(input.ruleSet, {
                  actor,
                  existing: [],
                  shiftTypeCodes: new Set(),
                  now: new Date(),
                })
              : {}),
          }),
        );
        if (input.requiredSkillIds) await this.setRequiredSkills(em, team.id, input.requiredSkillIds);
        return team;
      },
      { constraints: TEAM_CONSTRAINTS },
    );
  }

  update(actor: Actor, id: string, input: UpdateTeamInput): Promise<TeamEntity> {
    return this.tx.run(
      async (em) => {
        const repo = em.getRepository(TeamEntity);
        const team = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!team) throw new NotFoundError('Team', id, 'input.teamId');
        Access.assert(Access.managesTeam(actor, team), `team ${team.name}`);
        if (input.name !== undefined) team.name = input.name.trim();
        if (input.kind !== undefined) team.kind = input.kind;
        if (input.timeZone !== undefined) team.timeZone = input.timeZone;
        if (input.ruleSet) {
          const types = await em.getRepository(ShiftTypeEntity).findBy({ teamId: team.id });
          Object.assign(
            team,
            ruleSetColumns(input.ruleSet, {
              actor,
              existing: team.ruleSetDerogations ?? [],
              shiftTypeCodes: new Set(types.map((t) => t.code)),
              now: new Date(),
            }),
          );
        }
        if (input.requiredSkillIds) await this.setRequiredSkills(em, team.id, input.requiredSkillIds);
        return repo.save(team);
      },
      { constraints: TEAM_CONSTRAINTS },
    );
  }
}

function ruleSetColumns(
  input: RuleSetInput,
  ctx: RuleSetContext,
): Pick<
  TeamEntity,
  'ruleSetPreset' | 'ruleSetOverrides' | 'ruleSetDerogations' | 'ruleSetForbiddenSequences'
> {
  const { preset, overrides, derogations, forbiddenSequences } = toStoredRuleSet(input, ctx);
  return {
    ruleSetPreset: preset,
    ruleSetOverrides: overrides,
    ruleSetDerogations: derogations,
    ruleSetForbiddenSequences: forbiddenSequences,
  };
}
