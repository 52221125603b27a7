import { byIdLoader } from '../../common/graphql/loaders.js';
import { StaffMemberEntity } from './staff-member.entity.js';

export const staffById = byIdLoader(StaffMemberEntity);
