import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { TeamRequiredSkillEntity } from '../modules/organisations/team-required-skill.entity.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';
import { CredentialEntity } from '../modules/passport/credential.entity.js';
import { PassportAcceptanceEntity } from '../modules/passport/passport-acceptance.entity.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { StaffMemberEntity } from '../modules/staff/staff-member.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: they break under jest's ESM runtime). */
export const ENTITIES = [
  OrganisationEntity,
  TeamEntity,
  SkillEntity,
  TeamRequiredSkillEntity,
  StaffMemberEntity,
  CredentialEntity,
  PassportAcceptanceEntity,
];
