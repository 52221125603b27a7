import { CreateOrganisationsAndTeams1795354184927 } from './1795354184927-CreateOrganisationsAndTeams.js';
import { CreateDirectoryAndPassport1795354773139 } from './1795354773139-CreateDirectoryAndPassport.js';
import { CreateRotasAndAbsences1795357976481 } from './1795357976481-CreateRotasAndAbsences.js';
import { CreateJointRolesAndPlacements1795359394361 } from './1795359394361-CreateJointRolesAndPlacements.js';
import { CreateReportsAndCalendar1795360748435 } from './1795360748435-CreateReportsAndCalendar.js';
import { CreateAuditTrail1795361891121 } from './1795361891121-CreateAuditTrail.js';
import { CanonicalTeamTimeZones1795363204118 } from './1795363204118-CanonicalTeamTimeZones.js';
import { RestrictServiceRole1795364611722 } from './1795364611722-RestrictServiceRole.js';
import { RequireConsentAcrossOrganisations1796123244765 } from './1796123244765-RequireConsentAcrossOrganisations.js';
import { CreateRateLimitCounter1796126400000 } from './1796126400000-CreateRateLimitCounter.js';
import { OneRotaWritePath1796128674309 } from './1796128674309-OneRotaWritePath.js';
import { LegalFloorsAndDerogations1796200000000 } from './1796200000000-LegalFloorsAndDerogations.js';
import { CreateDataImports1796300000000 } from './1796300000000-CreateDataImports.js';
import { NamePeopleNotLogins1796400000000 } from './1796400000000-NamePeopleNotLogins.js';
import { SolveRunsOnAQueue1796500000000 } from './1796500000000-SolveRunsOnAQueue.js';
import { OpenShiftsBankAndSwaps1796600000000 } from './1796600000000-OpenShiftsBankAndSwaps.js';
import { NotificationsAndScheduledWork1796700000000 } from './1796700000000-NotificationsAndScheduledWork.js';
import { ComplianceRefreshOnTheQueue1796800000000 } from './1796800000000-ComplianceRefreshOnTheQueue.js';

/** Every migration, in order. Listed explicitly: globs do not work under jest's ESM runtime. */
export const MIGRATIONS: Function[] = [
  CreateOrganisationsAndTeams1795354184927,
  CreateDirectoryAndPassport1795354773139,
  CreateRotasAndAbsences1795357976481,
  CreateJointRolesAndPlacements1795359394361,
  CreateReportsAndCalendar1795360748435,
  CreateAuditTrail1795361891121,
  CanonicalTeamTimeZones1795363204118,
  RestrictServiceRole1795364611722,
  RequireConsentAcrossOrganisations1796123244765,
  CreateRateLimitCounter1796126400000,
  OneRotaWritePath1796128674309,
  LegalFloorsAndDerogations1796200000000,
  CreateDataImports1796300000000,
  NamePeopleNotLogins1796400000000,
  SolveRunsOnAQueue1796500000000,
  OpenShiftsBankAndSwaps1796600000000,
  NotificationsAndScheduledWork1796700000000,
  ComplianceRefreshOnTheQueue1796800000000,
];
