/** What kind of thing a caller may do (registered as a GraphQL enum where `Me` uses it). */
export enum Role {
  ADMIN = 'ADMIN',
  HR = 'HR',
  MANAGER = 'MANAGER',
  STAFF = 'STAFF',
}

/** Who is calling: the verified claims of their token. Scopes are ids; an empty list means none. */
export interface Actor {
  subject: string;
  name?: string;
  roles: ReadonlySet<Role>;
  /** Organisations an HR user (or a manager, for reading) works for. */
  organisationIds: readonly string[];
  /** Teams a manager manages. */
  teamIds: readonly string[];
  /** The staff record of the caller, when they are staff. */
  staffId?: string;
}

export const isAdmin = (actor: Actor): boolean => actor.roles.has(Role.ADMIN);
export const hasRole = (actor: Actor, ...roles: Role[]): boolean => roles.some((r) => actor.roles.has(r));
