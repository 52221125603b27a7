import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Access } from '../../common/auth/access.js';
import type { Actor } from '../../common/auth/actor.js';
import { TransactionRunner } from '../../common/database/transaction.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { type ConnectionShape, paginate } from '../../common/graphql/pagination.js';
import { OrganisationEntity } from './organisation.entity.js';
import { overrideProblems } from '../../rota-core/presets/parameters.js';
import type { RuleSetPreset } from './organisation.enums.js';
import type { CreateTeamInput, RuleSetInput, TeamsArgs, UpdateTeamInput } from './organisations.types.js';
import { SkillsService } from '../skills/skills.service.js';
import { TeamRequiredSkillEntity } from './team-required-skill.entity.js';
import { TeamEntity } from './team.entity.js';

export const DEFAULT_TIME_ZONE = 'Europe/London';

type StoredOverrides = TeamEntity['ruleSetOverrides'];

/** A rule-set input as stored on the team, or BAD_USER_INPUT naming what is wrong. */
export function toStoredRuleSet(input: RuleSetInput): { preset: RuleSetPreset; overrides: StoredOverrides } {
  const overrides: StoredOverrides = {};
  for (const o of input.overrides ?? []) {
    if (overrides[o.ruleCode])
      throw new BadUserInputError(`${o.ruleCode} appears twice`, 'input.ruleSet.overrides');
    overrides[o.ruleCode] = {
      ...(o.severity ? { severity: o.severity } : {}),
      ...(o.params?.length
        ? { params: Object.fromEntries(o.params.map((p) => [p.name, p.value ?? null])) }
        : {}),
    };
  }
  const problems = overrideProblems(overrides);
  if (problems.length) {
    throw new BadUserInputError(problems.map((p) => p.message).join('; '), 'input.ruleSet.overrides', {
      problems,
    });
  }
  return { preset: input.preset, overrides };
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
            ...(input.ruleSet ? ruleSetColumns(input.ruleSet) : {}),
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
        if (!team) throw new NotFoundError('Team', id, 'id');
        Access.assert(Access.managesTeam(actor, team), `team ${team.name}`);
        if (input.name !== undefined) team.name = input.name.trim();
        if (input.kind !== undefined) team.kind = input.kind;
        if (input.timeZone !== undefined) team.timeZone = input.timeZone;
        if (input.ruleSet) Object.assign(team, ruleSetColumns(input.ruleSet));
        if (input.requiredSkillIds) await this.setRequiredSkills(em, team.id, input.requiredSkillIds);
        return repo.save(team);
      },
      { constraints: TEAM_CONSTRAINTS },
    );
  }
}

function ruleSetColumns(input: RuleSetInput): Pick<TeamEntity, 'ruleSetPreset' | 'ruleSetOverrides'> {
  const { preset, overrides } = toStoredRuleSet(input);
  return { ruleSetPreset: preset, ruleSetOverrides: overrides };
}
