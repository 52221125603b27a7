import { CreateOrganisationsAndTeams1795354184927 } from './1795354184927-CreateOrganisationsAndTeams.js';

/** Every migration, in order. Listed explicitly: globs do not work under jest's ESM runtime. */
export const MIGRATIONS: Function[] = [CreateOrganisationsAndTeams1795354184927];
