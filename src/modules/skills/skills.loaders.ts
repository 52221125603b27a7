import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../common/graphql/loaders.js';
import { byIdLoader } from '../../common/graphql/loaders.js';
import { TeamRequiredSkillEntity } from '../organisations/team-required-skill.entity.js';
import { SkillEntity } from './skill.entity.js';

export const skillById = byIdLoader(SkillEntity);

/** A team's required skills, by code: one query for every team asked about. */
export const requiredSkillsByTeamId: LoaderFactory<string, SkillEntity[]> = (dataSource) =>
  new DataLoader<string, SkillEntity[]>(async (teamIds) => {
    const links = await dataSource
      .getRepository(TeamRequiredSkillEntity)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.skill', 's')
      .where('r.team_id = ANY(:teamIds)', { teamIds: [...teamIds] })
      .orderBy('s.code', 'ASC')
      .getMany();
    return teamIds.map((id) => links.filter((l) => l.teamId === id).map((l) => l.skill!));
  });
