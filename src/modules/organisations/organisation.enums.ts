import { registerEnumType } from '@nestjs/graphql';

export enum Sector {
  HEALTH = 'HEALTH',
  SOCIAL_CARE = 'SOCIAL_CARE',
}

export enum OrganisationKind {
  NHS_TRUST = 'NHS_TRUST',
  NHS_FOUNDATION_TRUST = 'NHS_FOUNDATION_TRUST',
  INTEGRATED_CARE_BOARD = 'INTEGRATED_CARE_BOARD',
  PRIMARY_CARE = 'PRIMARY_CARE',
  LOCAL_AUTHORITY = 'LOCAL_AUTHORITY',
  INDEPENDENT_CARE_PROVIDER = 'INDEPENDENT_CARE_PROVIDER',
  VOLUNTARY_SECTOR = 'VOLUNTARY_SECTOR',
}

export enum TeamKind {
  WARD = 'WARD',
  COMMUNITY = 'COMMUNITY',
  REABLEMENT = 'REABLEMENT',
  CARE_HOME_UNIT = 'CARE_HOME_UNIT',
  HOME_CARE_ROUND = 'HOME_CARE_ROUND',
  DISCHARGE_HUB = 'DISCHARGE_HUB',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  OTHER = 'OTHER',
}

/**
 * The sector each kind of organisation belongs to. `fixed` kinds cannot choose; the others take `default`
 * unless told otherwise, and voluntary organisations must say which sector they are in.
 */
export const SECTOR_OF_KIND: Record<OrganisationKind, { sector?: Sector; fixed: boolean }> = {
  NHS_TRUST: { sector: Sector.HEALTH, fixed: true },
  NHS_FOUNDATION_TRUST: { sector: Sector.HEALTH, fixed: true },
  INTEGRATED_CARE_BOARD: { sector: Sector.HEALTH, fixed: true },
  PRIMARY_CARE: { sector: Sector.HEALTH, fixed: true },
  LOCAL_AUTHORITY: { sector: Sector.SOCIAL_CARE, fixed: true },
  INDEPENDENT_CARE_PROVIDER: { sector: Sector.SOCIAL_CARE, fixed: false },
  VOLUNTARY_SECTOR: { fixed: false },
};

/** The rule-set presets a team's rotas can be checked against (rules.md). */
export enum RuleSetPreset {
  WTR_1998 = 'WTR_1998',
  NHS_DOCTORS_2016 = 'NHS_DOCTORS_2016',
  SOCIAL_CARE = 'SOCIAL_CARE',
}

registerEnumType(RuleSetPreset, {
  name: 'RuleSetPreset',
  valuesMap: {
    WTR_1998: { description: 'Working Time Regulations 1998 (the default everywhere).' },
    NHS_DOCTORS_2016: { description: 'NHS doctors in training: 2016 terms as amended 2019, on top of WTR.' },
    SOCIAL_CARE: { description: 'WTR with a 26-week reference period and split shifts allowed.' },
  },
});
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The side of integrated care an organisation is on.',
});
registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(TeamKind, { name: 'TeamKind', description: 'Where a rota is built.' });
