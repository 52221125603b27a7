import { PayFramework, RuleProfile, StaffGroup } from '../modules/staff/staff.enums.js';
import type { DemoOrganisationKey, DemoTeamKey } from './demo-area.js';

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Amara',
  'Ben',
  'Chloe',
  'Daniel',
  'Eilidh',
  'Fatima',
  'George',
  'Hannah',
  'Imran',
  'Jade',
  'Kwame',
  'Laura',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Priya',
  'Rhys',
  'Sophie',
  'Tariq',
  'Una',
  'Victoria',
  'Wei',
  'Yasmin',
  'Zoe',
  'Adebayo',
  'Bethany',
  'Callum',
  'Deepa',
  'Emeka',
  'Freya',
  'Grace',
  'Harry',
  'Isla',
  'Jamal',
  'Katie',
  'Liam',
  'Maria',
  'Nathan',
  'Olivia',
  'Patrick',
  'Ruth',
  'Samuel',
  'Teresa',
  'Usha',
  'Vikram',
  'William',
  'Xena',
  'Yusuf',
];
const FAMILY = [
  'Adeyemi',
  'Brown',
  'Campbell',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hussain',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Mensah',
  'Nowak',
  'Okafor',
  'Patel',
  'Quinn',
  'Roberts',
  'Singh',
  'Taylor',
  'Usman',
  'Varga',
  'Williams',
  'Xu',
  'Young',
  'Zielinski',
  'Ahmed',
  'Baker',
  'Clarke',
  'Dlamini',
  'Edwards',
  'Fernandes',
  'Gordon',
  'Hughes',
  'Ibrahim',
  'Johnson',
  'Kowalski',
  'Lopez',
  'Murphy',
  'Nguyen',
  'Osei',
  'Price',
  'Reid',
  'Shah',
  'Thomas',
  'Walker',
  'Wright',
  'Yildiz',
];

export interface DemoRole {
  organisation: DemoOrganisationKey;
  team: DemoTeamKey;
  count: number;
  staffGroup: StaffGroup;
  jobTitle: string;
  payFramework: PayFramework;
  grades: string[];
  hours: number[];
  ruleProfile?: RuleProfile;
  /** Skills this role holds besides its team's requirements (registrations). */
  extraSkills?: string[];
}

/** Who works where in the demo area (about 150 people). */
export const DEMO_ROLES: DemoRole[] = [
  {
    organisation: 'trust',
    team: 'ward7',
    count: 18,
    staffGroup: StaffGroup.NURSING,
    jobTitle: 'Staff Nurse',
    payFramework: PayFramework.AGENDA_FOR_CHANGE,
    grades: ['5', '5', '6', '7'],
    hours: [37.5, 37.5, 30, 22.5],
    extraSkills: ['NMC_REGISTRATION'],
  },
  {
    organisation: 'trust',
    team: 'ward7',
    count: 12,
    staffGroup: StaffGroup.CARE_AND_SUPPORT,
    jobTitle: 'Healthcare Assistant',
    payFramework: PayFramework.AGENDA_FOR_CHANGE,
    grades: ['2', '3'],
    hours: [37.5, 30, 22.5],
  },
  {
    organisation: 'trust',
    team: 'dischargeHub',
    count: 4,
    staffGroup: StaffGroup.NURSING,
    jobTitle: 'Discharge Coordinator',
    payFramework: PayFramework.AGENDA_FOR_CHANGE,
    grades: ['6', '7'],
    hours: [37.5],
    extraSkills: ['NMC_REGISTRATION', 'DISCHARGE_TO_ASSESS'],
  },
  {
    organisation: 'trust',
    team: 'dischargeHub',
    count: 3,
    staffGroup: StaffGroup.ALLIED_HEALTH,
    jobTitle: 'Occupational Therapist',
    payFramework: PayFramework.AGENDA_FOR_CHANGE,
    grades: ['5', '6'],
    hours: [37.5, 30],
    extraSkills: ['HCPC_REGISTRATION', 'DISCHARGE_TO_ASSESS'],
  },
  {
    organisation: 'trust',
    team: 'communityNorth',
    count: 12,
    staffGroup: StaffGroup.NURSING,
    jobTitle: 'Community Staff Nurse',
    payFramework: PayFramework.AGENDA_FOR_CHANGE,
    grades: ['5', '6', '6'],
    hours: [37.5, 30],
    extraSkills: ['NMC_REGISTRATION', 'CATHETER_CARE', 'INSULIN_ADMINISTRATION'],
  },
  {
    organisation: 'trust',
    team: 'juniorDoctors',
    count: 12,
    staffGroup: StaffGroup.MEDICAL,
    jobTitle: 'Doctor in Training',
    payFramework: PayFramework.MEDICAL_AND_DENTAL,
    grades: ['FY1', 'FY2', 'CT1', 'CT2', 'ST3', 'ST4'],
    hours: [40, 48],
    ruleProfile: RuleProfile.DOCTOR_IN_TRAINING,
  },
  {
    organisation: 'council',
    team: 'reablementWest',
    count: 22,
    staffGroup: StaffGroup.CARE_AND_SUPPORT,
    jobTitle: 'Reablement Support Worker',
    payFramework: PayFramework.LOCAL_GOVERNMENT,
    grades: ['SCP 7', 'SCP 9', 'SCP 11'],
    hours: [37, 30, 22.5, 18.5],
  },
  {
    organisation: 'council',
    team: 'reablementWest',
    count: 3,
    staffGroup: StaffGroup.ALLIED_HEALTH,
    jobTitle: 'Occupational Therapist',
    payFramework: PayFramework.LOCAL_GOVERNMENT,
    grades: ['SCP 25', 'SCP 27'],
    hours: [37],
    extraSkills: ['HCPC_REGISTRATION'],
  },
  {
    organisation: 'council',
    team: 'hospitalSocialWork',
    count: 10,
    staffGroup: StaffGroup.SOCIAL_WORK,
    jobTitle: 'Social Worker',
    payFramework: PayFramework.LOCAL_GOVERNMENT,
    grades: ['SCP 25', 'SCP 28', 'SCP 31'],
    hours: [37, 30],
    extraSkills: ['SWE_REGISTRATION'],
  },
  {
    organisation: 'council',
    team: 'hospitalSocialWork',
    count: 3,
    staffGroup: StaffGroup.ADMIN,
    jobTitle: 'Business Support Officer',
    payFramework: PayFramework.LOCAL_GOVERNMENT,
    grades: ['SCP 5', 'SCP 6'],
    hours: [37, 18.5],
  },
  {
    organisation: 'provider',
    team: 'oakHouse',
    count: 6,
    staffGroup: StaffGroup.NURSING,
    jobTitle: 'Registered Nurse',
    payFramework: PayFramework.PROVIDER,
    grades: ['Nurse', 'Senior Nurse'],
    hours: [36, 48],
    extraSkills: ['NMC_REGISTRATION', 'PEG_FEEDING'],
  },
  {
    organisation: 'provider',
    team: 'oakHouse',
    count: 18,
    staffGroup: StaffGroup.CARE_AND_SUPPORT,
    jobTitle: 'Care Assistant',
    payFramework: PayFramework.PROVIDER,
    grades: ['CA1', 'CA2', 'Senior CA'],
    hours: [36, 24, 12, 0],
  },
  {
    organisation: 'provider',
    team: 'homeCareTown',
    count: 22,
    staffGroup: StaffGroup.CARE_AND_SUPPORT,
    jobTitle: 'Home Care Worker',
    payFramework: PayFramework.PROVIDER,
    grades: ['HCW1', 'HCW2'],
    hours: [30, 20, 16, 0],
  },
];

/** The skills each demo team requires of everyone on it. */
export const DEMO_TEAM_SKILLS: Record<DemoTeamKey, string[]> = {
  ward7: [
    'CSTF_FIRE_SAFETY',
    'CSTF_IPC_L2',
    'CSTF_MOVING_HANDLING_L2',
    'CSTF_RESUSCITATION_L2_ADULT',
    'CSTF_SAFEGUARDING_ADULTS_L2',
  ],
  dischargeHub: ['CSTF_SAFEGUARDING_ADULTS_L2', 'CSTF_INFORMATION_GOVERNANCE', 'DBS_ENHANCED_ADULTS_BARRED'],
  communityNorth: [
    'CSTF_IPC_L2',
    'CSTF_MOVING_HANDLING_L2',
    'DRIVING_LICENCE_BUSINESS',
    'DBS_ENHANCED_ADULTS_BARRED',
  ],
  juniorDoctors: ['GMC_LICENCE', 'CSTF_RESUSCITATION_L3_ADULT'],
  reablementWest: [
    'CSTF_MOVING_HANDLING_L2',
    'DBS_ENHANCED_ADULTS_BARRED',
    'MEDICATION_ADMINISTRATION',
    'CSTF_SAFEGUARDING_ADULTS_L2',
  ],
  hospitalSocialWork: ['DBS_ENHANCED_ADULTS_BARRED', 'CSTF_SAFEGUARDING_ADULTS_L3'],
  oakHouse: ['CARE_CERTIFICATE', 'CSTF_MOVING_HANDLING_L2', 'CSTF_IPC_L2', 'DBS_ENHANCED_ADULTS_BARRED'],
  homeCareTown: [
    'CARE_CERTIFICATE',
    'DBS_ENHANCED_ADULTS_BARRED',
    'DRIVING_LICENCE_BUSINESS',
    'MEDICATION_ADMINISTRATION',
  ],
};

/**
 * What each demo organisation accepts from the other sector: the council takes the trust's moving-and-handling,
 * resuscitation and infection-control training (a typical integrated-care passport agreement) and anything the
 * trust verifies for its discharge team; the trust takes the council's DBS checks. Riverside accepts nothing
 * cross-sector yet, so trust-verified training shows as NOT_ACCEPTED there.
 */
export const DEMO_ACCEPTANCE: Partial<
  Record<DemoOrganisationKey, { skills: string[]; verifiers: DemoOrganisationKey[] }>
> = {
  council: {
    skills: ['CSTF_MOVING_HANDLING_L2', 'CSTF_RESUSCITATION_L2_ADULT', 'CSTF_IPC_L2'],
    verifiers: [],
  },
  trust: { skills: ['DBS_ENHANCED_ADULTS_BARRED', 'DBS_ENHANCED_BOTH_BARRED'], verifiers: [] },
};

export interface DemoPerson {
  employeeNumber: string;
  givenName: string;
  familyName: string;
  role: DemoRole;
  grade: string;
  hours: number;
  /** Years old on the seeding day. */
  age: number;
  optOut: boolean;
}

/** The demo workforce, generated the same way every time. */
export function demoPeople(): DemoPerson[] {
  const random = prng(20260401);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const people: DemoPerson[] = [];
  const used = new Set<string>();
  let n = 0;
  for (const role of DEMO_ROLES) {
    for (let i = 0; i < role.count; i++) {
      let givenName: string;
      let familyName: string;
      do {
        givenName = pick(GIVEN);
        familyName = pick(FAMILY);
      } while (used.has(`${givenName} ${familyName}`));
      used.add(`${givenName} ${familyName}`);
      const young = role.staffGroup === StaffGroup.CARE_AND_SUPPORT && random() < 0.06;
      people.push({
        employeeNumber: `NV${String(++n).padStart(4, '0')}`,
        givenName,
        familyName,
        role,
        grade: pick(role.grades),
        hours: pick(role.hours),
        age: young ? 17 : 20 + Math.floor(random() * 42),
        optOut: !young && role.staffGroup === StaffGroup.MEDICAL ? random() < 0.3 : !young && random() < 0.08,
      });
    }
  }
  return people;
}
