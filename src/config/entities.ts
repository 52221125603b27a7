import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: they break under jest's ESM runtime). */
export const ENTITIES = [OrganisationEntity, TeamEntity];
