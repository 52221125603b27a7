import { byColumnLoader, byIdLoader } from '../../common/graphql/loaders.js';
import { BankAgreementDecisionEntity } from './bank-agreement.entity.js';
import { OpenShiftClaimEntity, OpenShiftEntity } from './open-shift.entity.js';

export const decisionsByBankAgreementId = byColumnLoader(
  BankAgreementDecisionEntity,
  'bankAgreementId',
  'decidedAt',
);
export const openShiftById = byIdLoader(OpenShiftEntity);
export const claimsByOpenShiftId = byColumnLoader(OpenShiftClaimEntity, 'openShiftId', 'claimedAt');
