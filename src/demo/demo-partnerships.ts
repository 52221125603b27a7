import type { EntityManager } from 'typeorm';
import { addDays } from '../rota-core/dates.js';
import { Decision } from '../modules/absences/absence.enums.js';
import { JointRoleAppointmentEntity } from '../modules/joint-roles/joint-role-appointment.entity.js';
import {
  AppointmentStatus,
  EmploymentModel,
  JointRoleStatus,
  ShareAcceptance,
} from '../modules/joint-roles/joint-role.enums.js';
import { JointRolePartnerEntity } from '../modules/joint-roles/joint-role-partner.entity.js';
import { JointRoleRequiredSkillEntity } from '../modules/joint-roles/joint-role-required-skill.entity.js';
import { JointRoleEntity } from '../modules/joint-roles/joint-role.entity.js';
import { PlacementDecisionEntity } from '../modules/placements/placement-decision.entity.js';
import { PlacementKind, PlacementSide, PlacementStatus } from '../modules/placements/placement.enums.js';
import { PlacementEntity } from '../modules/placements/placement.entity.js';
import { AssignmentEntity } from '../modules/rotas/assignment.entity.js';
import { AssignmentBasis, RotaStatus } from '../modules/rotas/rota.enums.js';
import { ShiftEntity } from '../modules/rotas/shift.entity.js';
import { SkillEntity } from '../modules/skills/skill.entity.js';
import { StaffMemberEntity } from '../modules/staff/staff-member.entity.js';
import { StaffGroup } from '../modules/staff/staff.enums.js';
import { demoHr, type DemoOrganisationKey } from './demo-area.js';
import type { DemoIds } from './demo.seeder.js';

async function firstIn(
  em: EntityManager,
  teamId: string,
  group: StaffGroup,
  skip = 0,
): Promise<StaffMemberEntity> {
  return em
    .getRepository(StaffMemberEntity)
    .createQueryBuilder('s')
    .where('s.home_team_id = :team AND s.staff_group = :group', { team: teamId, group })
    .orderBy('s.employee_number', 'ASC')
    .offset(skip)
    .limit(1)
    .getOneOrFail();
}

interface RolePlan {
  title: string;
  description: string;
  staffGroup: StaffGroup;
  employmentModel: EmploymentModel;
  employing: string;
  line: string;
  supervision: string;
  cost: number;
  /** Organisation, funding share, time share. */
  partners: ReadonlyArray<readonly [string, number, number]>;
  skills: string[];
}

/**
 * Moves a person's work onto another team's published rota for some days: their shifts at home on those days
 * go, and they take the host team's shift of the same code the same day.
 */
async function rosterAt(
  em: EntityManager,
  staffId: string,
  hostTeamId: string,
  dates: string[],
  basis: AssignmentBasis,
): Promise<void> {
  for (const date of dates) {
    const home = await em
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.shift', 's')
      .where('a.staff_id = :staff AND s.local_date = :date', { staff: staffId, date })
      .getOne();
    const code = home
      ? (await em.query(`SELECT code FROM shift_type WHERE id = $1`, [home.shift!.shiftTypeId]))[0].code
      : 'E';
    if (home) await em.getRepository(AssignmentEntity).delete({ id: home.id });
    const shift = await em
      .getRepository(ShiftEntity)
      .createQueryBuilder('s')
      .innerJoin('shift_type', 't', 't.id = s.shift_type_id')
      .innerJoin('rota', 'r', 'r.id = s.rota_id')
      .where('s.team_id = :team AND s.local_date = :date AND t.code = :code AND r.status = :published', {
        team: hostTeamId,
        date,
        code,
        published: RotaStatus.PUBLISHED,
      })
      .getOne();
    if (!shift) continue;
    await em.getRepository(AssignmentEntity).insert({
      shiftId: shift.id,
      staffId,
      basis,
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      createdBy: 'demo-seed',
      cancelledAt: null,
    });
  }
}

/**
 * Two running joint roles (an integrated discharge coordinator and a reablement therapist), each share accepted by
 * its partner's HR, with their appointees (consented by their employers) on rotas at the other partner; a third
 * role the trust has proposed, waiting for the council's acceptance; a proposed appointment waiting for the
 * trust's consent; placements in every state, in both directions, one of them active with shifts.
 */
export async function seedDemoPartnerships(
  em: EntityManager,
  ids: DemoIds,
  today: string,
  monday: string,
): Promise<boolean> {
  if (await em.getRepository(JointRoleEntity).existsBy({ title: 'Integrated Discharge Coordinator' }))
    return false;
  const skill = async (code: string) => (await em.getRepository(SkillEntity).findOneByOrFail({ code })).id;
  const { trust, council, provider } = ids.organisations;

  const roles: Array<RolePlan & { appointee: StaffMemberEntity }> = [
    {
      title: 'Integrated Discharge Coordinator',
      description:
        'Plans discharges from the acute wards into reablement and home care, for the trust and the council.',
      staffGroup: StaffGroup.NURSING,
      employmentModel: EmploymentModel.JOINT_EMPLOYMENT,
      employing: trust,
      line: trust,
      supervision: council,
      cost: 48526,
      partners: [
        [trust, 50, 60],
        [council, 50, 40],
      ] as const,
      skills: ['DISCHARGE_TO_ASSESS', 'CSTF_SAFEGUARDING_ADULTS_L2'],
      appointee: await firstIn(em, ids.teams.dischargeHub, StaffGroup.NURSING),
    },
    {
      title: 'Reablement Therapist',
      description:
        'An occupational therapist shared between council reablement and the trust’s medical wards.',
      staffGroup: StaffGroup.ALLIED_HEALTH,
      employmentModel: EmploymentModel.SECONDMENT,
      employing: council,
      line: council,
      supervision: trust,
      cost: 41200,
      partners: [
        [council, 60, 70],
        [trust, 40, 30],
      ] as const,
      skills: ['HCPC_REGISTRATION'],
      appointee: await firstIn(em, ids.teams.reablementWest, StaffGroup.ALLIED_HEALTH),
    },
  ];
  const keyOf = (id: string) =>
    (Object.entries(ids.organisations) as Array<[DemoOrganisationKey, string]>).find(([, v]) => v === id)![0];
  const createRole = async (r: RolePlan, accepting: readonly string[]) => {
    const all = r.partners.every(([organisationId]) => accepting.includes(organisationId));
    const role = await em.getRepository(JointRoleEntity).save(
      em.getRepository(JointRoleEntity).create({
        title: r.title,
        description: r.description,
        staffGroup: r.staffGroup,
        fte: 1,
        startDate: addDays(today, -180),
        endDate: null,
        status: all ? JointRoleStatus.ACTIVE : JointRoleStatus.DRAFT,
        termsVersion: 1,
        employmentModel: r.employmentModel,
        employingPartnerId: r.employing,
        lineManagementPartnerId: r.line,
        supervisionPartnerId: r.supervision,
        annualCost: r.cost,
      }),
    );
    const agreedAt = new Date(`${addDays(today, -190)}T10:00:00Z`);
    await em.getRepository(JointRolePartnerEntity).insert(
      r.partners.map(([organisationId, funding, time]) => ({
        jointRoleId: role.id,
        organisationId,
        fundingSharePercent: funding,
        timeSharePercent: time,
        ...(accepting.includes(organisationId)
          ? {
              acceptance: ShareAcceptance.ACCEPTED,
              decidedBy: demoHr(keyOf(organisationId)),
              decidedAt: agreedAt,
              declineReason: null,
            }
          : { acceptance: ShareAcceptance.PENDING, decidedBy: null, decidedAt: null, declineReason: null }),
      })),
    );
    for (const code of r.skills)
      await em
        .getRepository(JointRoleRequiredSkillEntity)
        .insert({ jointRoleId: role.id, skillId: await skill(code) });
    return role;
  };
  const appoint = (
    jointRoleId: string,
    staff: StaffMemberEntity,
    proposer: string,
    startDate: string,
    consented: boolean,
  ) =>
    em.getRepository(JointRoleAppointmentEntity).insert({
      jointRoleId,
      staffId: staff.id,
      startDate,
      endDate: null,
      fte: 1,
      gaps: [],
      overrideReason: null,
      appointedBy: demoHr(keyOf(proposer)),
      status: consented ? AppointmentStatus.CONSENTED : AppointmentStatus.PROPOSED,
      decidedBy: consented ? demoHr(keyOf(staff.employerId)) : null,
      decidedAt: consented ? new Date(`${startDate}T09:00:00Z`) : null,
      declineReason: null,
      endedBy: null,
      endedAt: null,
      endReason: null,
    });
  const running: JointRoleEntity[] = [];
  for (const r of roles) {
    const role = await createRole(
      r,
      r.partners.map(([organisationId]) => organisationId),
    );
    running.push(role);
    await appoint(role.id, r.appointee, r.employing, addDays(today, -120), true);
  }
  // Waiting for HR: the council to accept its share of a role the trust proposes, and the trust to consent to
  // the council appointing one of its occupational therapists as a second reablement therapist.
  await createRole(
    {
      title: 'Falls Prevention Lead',
      description: 'Leads falls prevention across the acute wards, community nursing and council reablement.',
      staffGroup: StaffGroup.ALLIED_HEALTH,
      employmentModel: EmploymentModel.HONORARY_CONTRACT,
      employing: trust,
      line: trust,
      supervision: council,
      cost: 45800,
      partners: [
        [trust, 70, 60],
        [council, 30, 40],
      ] as const,
      skills: ['HCPC_REGISTRATION'],
    },
    [trust],
  );
  await appoint(
    running[1]!.id,
    await firstIn(em, ids.teams.dischargeHub, StaffGroup.ALLIED_HEALTH, 1),
    council,
    addDays(today, 30),
    false,
  );
  // Joint-role holders working at the other partner: the coordinator on reablement's rota, the therapist on Ward 7's.
  const week = (offsets: number[]) => offsets.map((o) => addDays(monday, o));
  await rosterAt(
    em,
    roles[0]!.appointee.id,
    ids.teams.reablementWest,
    week([1, 3, 8, 10, 15, 17, 22, 24]),
    AssignmentBasis.JOINT_ROLE,
  );
  await rosterAt(
    em,
    roles[1]!.appointee.id,
    ids.teams.ward7,
    week([2, 9, 16, 23]),
    AssignmentBasis.JOINT_ROLE,
  );

  // Placements in every state, both ways across the sector line.
  const reablementWorker = await firstIn(em, ids.teams.reablementWest, StaffGroup.CARE_AND_SUPPORT, 3);
  const plans = [
    {
      who: reablementWorker,
      host: ids.teams.ward7,
      hostOrg: trust,
      kind: PlacementKind.ROTATION,
      from: -7,
      to: 21,
      status: PlacementStatus.APPROVED,
      reason: 'Hospital experience for the reablement pathway',
    },
    {
      who: await firstIn(em, ids.teams.ward7, StaffGroup.CARE_AND_SUPPORT, 1),
      host: ids.teams.oakHouse,
      hostOrg: provider,
      kind: PlacementKind.SHORT_TERM_DEPLOYMENT,
      from: 14,
      to: 42,
      status: PlacementStatus.REQUESTED,
      reason: 'Winter pressures support at Oak House',
    },
    {
      who: await firstIn(em, ids.teams.oakHouse, StaffGroup.CARE_AND_SUPPORT, 2),
      host: ids.teams.dischargeHub,
      hostOrg: trust,
      kind: PlacementKind.SECONDMENT,
      from: 28,
      to: 118,
      status: PlacementStatus.REQUESTED,
      homeApproved: true,
      reason: 'Trusted assessor secondment',
    },
    {
      who: await firstIn(em, ids.teams.ward7, StaffGroup.NURSING, 2),
      host: ids.teams.reablementWest,
      hostOrg: council,
      kind: PlacementKind.ROTATION,
      from: 21,
      to: 49,
      status: PlacementStatus.REJECTED,
      reason: 'Community rotation',
    },
    {
      who: await firstIn(em, ids.teams.reablementWest, StaffGroup.CARE_AND_SUPPORT, 5),
      host: ids.teams.communityNorth,
      hostOrg: trust,
      kind: PlacementKind.ROTATION,
      from: 35,
      to: 63,
      status: PlacementStatus.WITHDRAWN,
      reason: 'District nursing shadowing',
    },
    {
      who: await firstIn(em, ids.teams.oakHouse, StaffGroup.NURSING, 1),
      host: ids.teams.ward7,
      hostOrg: trust,
      kind: PlacementKind.MUTUAL_AID,
      from: 7,
      to: 21,
      status: PlacementStatus.CANCELLED,
      reason: 'Mutual aid during the outbreak',
    },
    {
      who: await firstIn(em, ids.teams.dischargeHub, StaffGroup.ALLIED_HEALTH),
      host: ids.teams.hospitalSocialWork,
      hostOrg: council,
      kind: PlacementKind.SECONDMENT,
      from: -150,
      to: -60,
      status: PlacementStatus.APPROVED,
      reason: 'Joint assessment pilot',
    },
    {
      who: await firstIn(em, ids.teams.hospitalSocialWork, StaffGroup.SOCIAL_WORK),
      host: ids.teams.dischargeHub,
      hostOrg: trust,
      kind: PlacementKind.SECONDMENT,
      from: 45,
      to: 135,
      status: PlacementStatus.APPROVED,
      reason: 'Social worker in the discharge hub',
    },
  ];
  for (const p of plans) {
    const placement = await em.getRepository(PlacementEntity).save(
      em.getRepository(PlacementEntity).create({
        staffId: p.who.id,
        homeOrganisationId: p.who.employerId,
        hostTeamId: p.host,
        hostOrganisationId: p.hostOrg,
        kind: p.kind,
        startDate: addDays(today, p.from),
        endDate: addDays(today, p.to),
        hoursPerWeek: Math.min(37.5, p.who.contractedHoursPerWeek || 30),
        reason: p.reason,
        status: p.status,
        requestedBy: 'demo-seed',
        readinessAtRequest: [],
        withdrawnAt: p.status === PlacementStatus.WITHDRAWN ? new Date() : null,
        withdrawnBy: p.status === PlacementStatus.WITHDRAWN ? 'demo-seed' : null,
        cancelledAt: p.status === PlacementStatus.CANCELLED ? new Date() : null,
        cancelledBy: p.status === PlacementStatus.CANCELLED ? 'demo-manager' : null,
        cancelReason: p.status === PlacementStatus.CANCELLED ? 'Outbreak over sooner than expected' : null,
      }),
    );
    const decide = (side: PlacementSide, decision: Decision, comment: string | null) =>
      em.getRepository(PlacementDecisionEntity).insert({
        placementId: placement.id,
        side,
        decision,
        reason: comment,
        readiness: [],
        overrideGaps: false,
        decidedBy: 'demo-manager',
      });
    if (p.status === PlacementStatus.APPROVED) {
      await decide(PlacementSide.HOME, Decision.APPROVE, null);
      await decide(PlacementSide.HOST, Decision.APPROVE, 'Welcome');
    } else if (p.status === PlacementStatus.REJECTED) {
      await decide(PlacementSide.HOST, Decision.REJECT, 'No practice supervisor available that month');
    } else if ('homeApproved' in p && p.homeApproved) {
      await decide(PlacementSide.HOME, Decision.APPROVE, 'Supported');
    }
  }
  // The active placement: the reablement worker works Ward 7's shifts while placed there.
  const placedDays = Array.from({ length: 28 }, (_, k) => addDays(today, k - 7)).filter((d) => d >= monday);
  await rosterAt(em, reablementWorker.id, ids.teams.ward7, placedDays, AssignmentBasis.PLACEMENT);
  return true;
}
