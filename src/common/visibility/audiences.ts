import { Relation } from './relations.js';

/**
 * A named group of callers, by their relation to the object's subject. ADMIN belongs to every audience. The
 * README's Security model lists, for every type and field, the audience that sees it.
 */
export interface Audience {
  readonly name: string;
  readonly description: string;
  /** Empty: everyone who reached the object. */
  readonly relations: readonly Relation[];
}

const audience = (name: string, description: string, relations: Relation[]): Audience => ({
  name,
  description,
  relations,
});

export const Audiences = {
  /** Anyone who reached the object through an operation they may call. */
  PUBLIC: audience('PUBLIC', 'anyone who can reach the object', []),
  /** Contact details, contract, pay, date of birth, passport, moves. */
  PERSONAL: audience('PERSONAL', 'the person, HR and managers of their employer', [
    Relation.SELF,
    Relation.EMPLOYER_HR,
    Relation.EMPLOYER_MANAGER,
  ]),
  /** Special-category data (UK GDPR art. 9): why someone is absent, sickness, notes about their health. */
  SPECIAL_CATEGORY: audience(
    'SPECIAL_CATEGORY',
    'the person, the manager of their home team, HR of their employer',
    [Relation.SELF, Relation.LINE_MANAGER, Relation.EMPLOYER_HR],
  ),
  /** Money one organisation commits to another: a joint role's cost and funding shares. */
  FUNDING: audience('FUNDING', 'HR of the partner organisations', [Relation.ORGANISATION_HR]),
  /** HR of the organisations an object belongs to (a credential's verifier). */
  ORGANISATION_HR: audience('ORGANISATION_HR', 'HR of the organisations it belongs to', [
    Relation.ORGANISATION_HR,
  ]),
  /** Those who run something between organisations: its partners' HR and managers. */
  ORGANISATIONS: audience('ORGANISATIONS', 'HR and managers of the organisations it belongs to', [
    Relation.ORGANISATION_HR,
    Relation.ORGANISATION_MANAGER,
  ]),
  /** A joint role: its partners' HR and managers, and the people appointed to it. */
  PARTNERS_AND_APPOINTEES: audience(
    'PARTNERS_AND_APPOINTEES',
    'HR and managers of the partner organisations, and the people appointed to it',
    [Relation.ORGANISATION_HR, Relation.ORGANISATION_MANAGER, Relation.ATTACHED],
  ),
  /** Someone's appointment or move between organisations: the person, their employer, the other side. */
  PERSON_AND_ORGANISATIONS: audience(
    'PERSON_AND_ORGANISATIONS',
    'the person, HR and managers of their employer, HR and managers of the other organisations involved',
    [
      Relation.SELF,
      Relation.EMPLOYER_HR,
      Relation.EMPLOYER_MANAGER,
      Relation.ORGANISATION_HR,
      Relation.ORGANISATION_MANAGER,
    ],
  ),
  /** Something between two people on a team's rota (a shift swap): the two, the team's manager, HR of it. */
  SWAP_PARTIES: audience('SWAP_PARTIES', 'the two people, the team’s manager and HR of its organisation', [
    Relation.SELF,
    Relation.ATTACHED,
    Relation.TEAM_MANAGER,
    Relation.ORGANISATION_HR,
  ]),
  /** A team's own records: its manager and HR of its organisation. */
  TEAM_OVERSIGHT: audience('TEAM_OVERSIGHT', 'the team’s manager and HR of its organisation', [
    Relation.TEAM_MANAGER,
    Relation.ORGANISATION_HR,
  ]),
} as const satisfies Record<string, Audience>;

export type AudienceName = keyof typeof Audiences;

/** Whether a caller with these relations belongs to the audience. */
export function inAudience(audience: Audience, relations: ReadonlySet<Relation>): boolean {
  if (audience.relations.length === 0 || relations.has(Relation.ADMIN)) return true;
  return audience.relations.some((r) => relations.has(r));
}
