import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppointmentFact, BankShiftFact, PlacementFact } from '../../rota-core/model.js';
import { JointRoleAppointmentEntity } from '../joint-roles/joint-role-appointment.entity.js';
import { AppointmentStatus } from '../joint-roles/joint-role.enums.js';
import { JointRoleEntity } from '../joint-roles/joint-role.entity.js';
import { JointRolePartnerEntity } from '../joint-roles/joint-role-partner.entity.js';
import { PlacementStatus } from '../placements/placement.enums.js';
import { PlacementEntity } from '../placements/placement.entity.js';
import type { AuthorisationSource } from './rota-facts.loader.js';

/**
 * Who may work where beyond their employer: approved placements (the host team, for their dates) and running
 * joint-role appointments their employer has consented to, of roles every partner has agreed (ACTIVE, or ENDED
 * for the days before it ended) — every partner organisation's teams. Bulk queries, on the caller's
 * EntityManager.
 */
@Injectable()
export class DatabaseAuthorisationSource implements AuthorisationSource {
  async placements(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<PlacementFact[]> {
    const rows = await em
      .getRepository(PlacementEntity)
      .createQueryBuilder('p')
      .where('p.staff_id = ANY(:staffIds) AND p.status = :approved', {
        staffIds: [...staffIds],
        approved: PlacementStatus.APPROVED,
      })
      .andWhere('p.end_date >= :from AND p.start_date <= :to', { from, to })
      .getMany();
    return rows.map((p) => ({
      id: p.id,
      staffId: p.staffId,
      hostTeamId: p.hostTeamId,
      startDate: p.startDate,
      endDate: p.endDate,
    }));
  }

  async appointments(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<AppointmentFact[]> {
    const rows = await em
      .getRepository(JointRoleAppointmentEntity)
      .createQueryBuilder('a')
      .innerJoin(JointRoleEntity, 'r', `r.id = a.joint_role_id AND r.status <> 'DRAFT'`)
      .where('a.staff_id = ANY(:staffIds) AND a.status = :consented', {
        staffIds: [...staffIds],
        consented: AppointmentStatus.CONSENTED,
      })
      .andWhere('(a.end_date IS NULL OR a.end_date >= :from) AND a.start_date <= :to', { from, to })
      .getMany();
    if (rows.length === 0) return [];
    const partners = await em
      .getRepository(JointRolePartnerEntity)
      .createQueryBuilder('p')
      .where('p.joint_role_id = ANY(:ids)', { ids: [...new Set(rows.map((a) => a.jointRoleId))] })
      .getMany();
    return rows.map((a) => ({
      id: a.id,
      staffId: a.staffId,
      jointRoleId: a.jointRoleId,
      startDate: a.startDate,
      endDate: a.endDate,
      partners: partners
        .filter((p) => p.jointRoleId === a.jointRoleId)
        .map((p) => ({ organisationId: p.organisationId, timeSharePercent: p.timeSharePercent })),
    }));
  }

  async bankShifts(
    em: EntityManager,
    staffIds: readonly string[],
    from: string,
    to: string,
  ): Promise<BankShiftFact[]> {
    const rows: Array<{ staff_id: string; shift_id: string; bank_agreement_id: string | null }> =
      await em.query(
        `SELECT c.staff_id, o.shift_id, c.bank_agreement_id
         FROM open_shift_claim c
         JOIN open_shift o ON o.id = c.open_shift_id
         JOIN shift s ON s.id = o.shift_id
        WHERE c.staff_id = ANY($1) AND c.status = 'APPROVED' AND s.local_date BETWEEN $2 AND $3`,
        [[...staffIds], from, to],
      );
    return rows.map((r) => ({ staffId: r.staff_id, shiftId: r.shift_id, agreementId: r.bank_agreement_id }));
  }

  async authorisedStaffIds(
    em: EntityManager,
    teamId: string,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<string[]> {
    const rows: Array<{ staff_id: string }> = await em.query(
      `SELECT p.staff_id FROM placement p
        WHERE p.host_team_id = $1 AND p.status = 'APPROVED' AND p.start_date <= $3 AND p.end_date >= $4
       UNION
       SELECT a.staff_id FROM joint_role_appointment a
         JOIN joint_role r ON r.id = a.joint_role_id AND r.status <> 'DRAFT'
         JOIN joint_role_partner jp ON jp.joint_role_id = a.joint_role_id AND jp.organisation_id = $2
        WHERE a.status = 'CONSENTED' AND a.start_date <= $3 AND (a.end_date IS NULL OR a.end_date >= $4)`,
      [teamId, organisationId, from, to],
    );
    return rows.map((r) => r.staff_id);
  }
}
