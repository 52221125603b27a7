import { OrganisationKind, Sector, TeamKind } from '../modules/organisations/organisation.enums.js';

/**
 * A small integrated care area ("Nene Valley"), fictional but shaped like a real one: an NHS trust, the county
 * council's adult social care and an independent care provider, with the teams that share staff.
 */
export const DEMO_ORGANISATIONS = [
  {
    key: 'trust',
    name: 'Nene Valley Hospitals NHS Trust',
    kind: OrganisationKind.NHS_TRUST,
    sector: Sector.HEALTH,
    odsCode: 'RNV',
    cqcProviderId: null,
    teams: [
      { key: 'ward7', name: 'Ward 7 – Acute Medicine', kind: TeamKind.WARD },
      { key: 'dischargeHub', name: 'Integrated Discharge Hub', kind: TeamKind.DISCHARGE_HUB },
      { key: 'communityNorth', name: 'Community Nursing – North', kind: TeamKind.COMMUNITY },
      { key: 'juniorDoctors', name: 'Medicine – Doctors in Training', kind: TeamKind.WARD },
    ],
  },
  {
    key: 'council',
    name: 'Nenshire County Council – Adult Social Care',
    kind: OrganisationKind.LOCAL_AUTHORITY,
    sector: Sector.SOCIAL_CARE,
    odsCode: null,
    cqcProviderId: '1-101000001',
    teams: [
      { key: 'reablementWest', name: 'Reablement Team – West', kind: TeamKind.REABLEMENT },
      { key: 'hospitalSocialWork', name: 'Hospital Social Work Team', kind: TeamKind.OTHER },
    ],
  },
  {
    key: 'provider',
    name: 'Riverside Care Homes Ltd',
    kind: OrganisationKind.INDEPENDENT_CARE_PROVIDER,
    sector: Sector.SOCIAL_CARE,
    odsCode: null,
    cqcProviderId: '1-102000002',
    teams: [
      { key: 'oakHouse', name: 'Oak House – Nursing Unit', kind: TeamKind.CARE_HOME_UNIT },
      { key: 'homeCareTown', name: 'Home Care – Town Round', kind: TeamKind.HOME_CARE_ROUND },
    ],
  },
] as const;

export type DemoOrganisationKey = (typeof DEMO_ORGANISATIONS)[number]['key'];
export type DemoTeamKey = (typeof DEMO_ORGANISATIONS)[number]['teams'][number]['key'];

/** The token subject of each demo organisation's HR (the trust's and the council's are demo users). */
export const demoHr = (key: DemoOrganisationKey): string => `demo-hr-${key}`;
