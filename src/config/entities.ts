import { CalendarTokenEntity } from '../modules/calendar/calendar-token.entity.js';
import { ComplianceRefreshEntity } from '../modules/checks/compliance-refresh.entity.js';
import { RotaViolationEntity } from '../modules/checks/rota-violation.entity.js';
import { DataImportEntity } from '../modules/imports/data-import.entity.js';
import { SolveRunEntity } from '../modules/solver/solve-run.entity.js';
import {
  NotificationDeliveryEntity,
  NotificationEntity,
} from '../modules/notifications/notification.entity.js';
import { AuditEventEntity } from '../modules/audit/audit-event.entity.js';
import { AbsenceEntity } from '../modules/absences/absence.entity.js';
import { ShiftRequestEntity } from '../modules/absences/shift-request.entity.js';
import { JointRoleAppointmentEntity } from '../modules/joint-roles/joint-role-appointment.entity.js';
import { JointRolePartnerEntity } from '../modules/joint-roles/joint-role-partner.entity.js';
import { JointRoleRequiredSkillEntity } from '../modules/joint-roles/joint-role-required-skill.entity.js';
import { JointRoleEntity } from '../modules/joint-roles/joint-role.entity.js';
import { PlacementDecisionEntity } from '../modules/placements/placement-decision.entity.js';
import { PlacementEntity } from '../modules/placements/placement.entity.js';
import {
  BankAgreementDecisionEntity,
  BankAgreementEntity,
} from '../modules/mobility/bank-agreement.entity.js';
import { OpenShiftClaimEntity, OpenShiftEntity } from '../modules/mobility/open-shift.entity.js';
import { ShiftSwapEntity } from '../modules/mobility/shift-swap.entity.js';
import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';
import { TeamRequiredSkillEntity } from '../modules/organisations/team-required-skill.entity.js';
import { TeamEntity } from '../modules/organisations/team.entity.js';
import { CredentialEntity } from '../modules/passport/credential.entity.js';
import { PassportAcceptanceEntity } from '../modules/passport/passport-acceptance.entity.js';
import { AssignmentEntity } from '../modules/rotas/assignment.entity.js';
import { RotaChangeEntity } from '../modules/rotas/rota-change.entity.js';
import { RotaEntity } from '../modules/rotas/rota.entity.js';
import {
  RotaTemplateAssignmentEntity,
  RotaTemplateEntity,
  RotaTemplateShiftEntity,
  RotaTemplateSlotEntity,
} from '../modules/rotas/rota-template.entity.js';
import { RuleOverrideEntity } from '../modules/rotas/rule-override.entity.js';
import { ShiftSkillSlotEntity } from '../modules/rotas/shift-skill-slot.entity.js';
import { ShiftTypeEntity } from '../modules/rotas/shift-type.entity.js';
import { ShiftEntity } from '../modules/rotas/shift.entity.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { StaffMemberEntity } from '../modules/staff/staff-member.entity.js';
import { AppUserEntity } from '../modules/users/user.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: they break under jest's ESM runtime). */
export const ENTITIES = [
  OrganisationEntity,
  TeamEntity,
  SkillEntity,
  TeamRequiredSkillEntity,
  StaffMemberEntity,
  AppUserEntity,
  CredentialEntity,
  PassportAcceptanceEntity,
  ShiftTypeEntity,
  RotaEntity,
  ShiftEntity,
  ShiftSkillSlotEntity,
  AssignmentEntity,
  RuleOverrideEntity,
  RotaChangeEntity,
  AbsenceEntity,
  ShiftRequestEntity,
  JointRoleEntity,
  JointRolePartnerEntity,
  JointRoleRequiredSkillEntity,
  JointRoleAppointmentEntity,
  PlacementEntity,
  BankAgreementEntity,
  BankAgreementDecisionEntity,
  OpenShiftEntity,
  OpenShiftClaimEntity,
  ShiftSwapEntity,
  PlacementDecisionEntity,
  RotaViolationEntity,
  CalendarTokenEntity,
  AuditEventEntity,
  RotaTemplateEntity,
  RotaTemplateShiftEntity,
  RotaTemplateSlotEntity,
  RotaTemplateAssignmentEntity,
  ComplianceRefreshEntity,
  DataImportEntity,
  SolveRunEntity,
  NotificationEntity,
  NotificationDeliveryEntity,
];
