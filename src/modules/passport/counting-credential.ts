/**
 * The one place that decides "this credential counts": the `counting_credential` view (migration
 * RequireConsentAcrossOrganisations) holds the credentials the person's employer has ACCEPTED and nobody has
 * revoked. Every reader of credentials for readiness, passport gaps, the rota rules, skill searches and reports
 * selects from it, never from the `credential` table, so a credential waiting for acceptance (or declined, or
 * revoked) cannot count by accident.
 */
export const COUNTING_CREDENTIAL = 'counting_credential';
