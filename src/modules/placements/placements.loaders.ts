import { byColumnLoader } from '../../common/graphql/loaders.js';
import { PlacementDecisionEntity } from './placement-decision.entity.js';
import { PlacementEntity } from './placement.entity.js';

export const decisionsByPlacementId = byColumnLoader(PlacementDecisionEntity, 'placementId', 'decidedAt');
export const placementsByStaffId = byColumnLoader(PlacementEntity, 'staffId', 'startDate');
