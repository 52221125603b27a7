import { byColumnLoader } from '../../common/graphql/loaders.js';
import { CredentialEntity } from './credential.entity.js';
import { PassportAcceptanceEntity } from './passport-acceptance.entity.js';

/** All of a person's credentials (revoked ones included), oldest first. */
export const credentialsByStaffId = byColumnLoader(CredentialEntity, 'staffId', 'obtainedOn');

/** An organisation's acceptance lines. */
export const acceptanceLinesByOrganisationId = byColumnLoader(
  PassportAcceptanceEntity,
  'organisationId',
  'id',
);
