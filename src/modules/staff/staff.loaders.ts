import { byIdLoader } from '../../common/graphql/loaders.js';
import type { DerivedFields } from '../../common/graphql/selected-properties.js';
import { StaffMemberEntity } from './staff-member.entity.js';

/** Staff records by id; every variant reads the visibility subject (employer, home team). */
export const staffById = byIdLoader(StaffMemberEntity, ['employerId', 'homeTeamId']);

/** StaffMember fields computed from the row, and the columns they need (see selectedProperties). */
export const STAFF_DERIVED: DerivedFields = {
  name: ['givenName', 'familyName'],
  employer: ['employerId'],
  homeTeam: ['homeTeamId'],
  credentials: ['id'],
  placements: ['id'],
  jointRoleAppointments: ['id'],
};
