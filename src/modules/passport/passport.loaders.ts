import type { GraphQLResolveInfo } from 'graphql';
import { byColumnLoader, type Loaders } from '../../common/graphql/loaders.js';
import { type DerivedFields, selectedProperties } from '../../common/graphql/selected-properties.js';
import { skillById } from '../skills/skills.loaders.js';
import { CredentialEntity } from './credential.entity.js';
import { PassportAcceptanceEntity } from './passport-acceptance.entity.js';

/** All of a person's credentials (revoked ones included), oldest first. */
export const credentialsByStaffId = byColumnLoader(CredentialEntity, 'staffId', 'obtainedOn', [
  // what StaffMember.credentials filters on, and the visibility subject
  'revokedAt',
  'acceptance',
  'skillId',
  'verifiedByOrganisationId',
]);

/** Credential fields computed from the row, and the columns they need (see selectedProperties). */
export const CREDENTIAL_DERIVED: DerivedFields = {
  skill: ['skillId'],
  staff: ['staffId'],
  verifiedByOrganisation: ['verifiedByOrganisationId'],
  status: ['revokedAt', 'acceptance', 'obtainedOn', 'expiresOn', 'skillId'],
};

/**
 * For a list of people whose credentials the query asks for below `path` (a page of the directory): loads them
 * all, and their skills if asked for, in one batch each — so each person's `credentials` resolves without a
 * promise (StaffMember.credentials reads what is known).
 */
export async function prefetchCredentials(
  loaders: Loaders,
  staffIds: readonly string[],
  info: GraphQLResolveInfo,
  path: readonly string[],
): Promise<void> {
  const properties = selectedProperties(info, CREDENTIAL_DERIVED, path);
  if (properties === undefined || staffIds.length === 0) return;
  const loader = credentialsByStaffId.only(properties);
  await loaders.prefetch(loader, staffIds);
  if (selectedProperties(info, undefined, [...path, 'skill']) === undefined) return;
  const skillIds = staffIds.flatMap((id) => (loaders.peek(loader, id) ?? []).map((c) => c.skillId));
  await loaders.prefetch(skillById, skillIds);
}

/** An organisation's acceptance lines. */
export const acceptanceLinesByOrganisationId = byColumnLoader(
  PassportAcceptanceEntity,
  'organisationId',
  'id',
);
