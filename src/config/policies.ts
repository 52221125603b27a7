import type { TypePolicy } from '../common/visibility/policy.js';
import { ABSENCE_POLICIES } from '../modules/absences/absences.policy.js';
import { AUDIT_POLICIES } from '../modules/audit/audit.policy.js';
import { CALENDAR_POLICIES } from '../modules/calendar/calendar.policy.js';
import { CHECK_POLICIES } from '../modules/checks/checks.policy.js';
import { IMPORT_POLICIES } from '../modules/imports/imports.policy.js';
import { JOINT_ROLE_POLICIES } from '../modules/joint-roles/joint-roles.policy.js';
import { ORGANISATION_POLICIES } from '../modules/organisations/organisations.policy.js';
import { PASSPORT_POLICIES } from '../modules/passport/passport.policy.js';
import { PLACEMENT_POLICIES } from '../modules/placements/placements.policy.js';
import { MOBILITY_POLICIES } from '../modules/mobility/mobility.policy.js';
import { REPORT_POLICIES } from '../modules/reports/reports.policy.js';
import { ROTA_POLICIES } from '../modules/rotas/rotas.policy.js';
import { SOLVER_POLICIES } from '../modules/solver/solver.policy.js';
import { NOTIFICATION_POLICIES } from '../modules/notifications/notifications.policy.js';
import { SKILL_POLICIES } from '../modules/skills/skills.policy.js';
import { STAFF_POLICIES } from '../modules/staff/staff.policy.js';
import { USER_POLICIES } from '../modules/users/users.policy.js';

/**
 * Every GraphQL object type's visibility policy (connections, edges and page info excepted: their nodes' apply).
 * The service refuses to start if a type, or a field of one, is missing here.
 */
export const POLICIES: readonly TypePolicy[] = [
  ...ORGANISATION_POLICIES,
  ...SKILL_POLICIES,
  ...STAFF_POLICIES,
  ...USER_POLICIES,
  ...PASSPORT_POLICIES,
  ...ABSENCE_POLICIES,
  ...ROTA_POLICIES,
  ...CHECK_POLICIES,
  ...JOINT_ROLE_POLICIES,
  ...PLACEMENT_POLICIES,
  ...MOBILITY_POLICIES,
  ...REPORT_POLICIES,
  ...AUDIT_POLICIES,
  ...CALENDAR_POLICIES,
  ...IMPORT_POLICIES,
  ...SOLVER_POLICIES,
  ...NOTIFICATION_POLICIES,
];
