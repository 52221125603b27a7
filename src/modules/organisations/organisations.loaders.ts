import { byColumnLoader, byIdLoader } from '../../common/graphql/loaders.js';
import { OrganisationEntity } from './organisation.entity.js';
import { TeamEntity } from './team.entity.js';

export const organisationById = byIdLoader(OrganisationEntity);
export const teamById = byIdLoader(TeamEntity);
export const teamsByOrganisationId = byColumnLoader(TeamEntity, 'organisationId', 'name');
