import DataLoader from 'dataloader';
import { byColumnLoader, byIdLoader, type LoaderFactory } from '../../common/graphql/loaders.js';
import type { DerivedFields } from '../../common/graphql/selected-properties.js';
import { AbsenceEntity } from '../absences/absence.entity.js';
import { AssignmentEntity } from './assignment.entity.js';
import { RotaChangeEntity } from './rota-change.entity.js';
import { RotaEntity } from './rota.entity.js';
import { RuleOverrideEntity } from './rule-override.entity.js';
import { ShiftSkillSlotEntity } from './shift-skill-slot.entity.js';
import { ShiftTypeEntity } from './shift-type.entity.js';
import { ShiftEntity } from './shift.entity.js';

export const rotaById = byIdLoader(RotaEntity);
export const shiftById = byIdLoader(ShiftEntity);
export const assignmentById = byIdLoader(AssignmentEntity);
export const shiftTypeById = byIdLoader(ShiftTypeEntity);
export const shiftTypesByTeamId = byColumnLoader(ShiftTypeEntity, 'teamId', 'startTime');
/** Every shift of a rota, cancelled ones included (resolvers filter), in time order. */
export const shiftsByRotaId = byColumnLoader(ShiftEntity, 'rotaId', 'startsAt');
/** Every assignment of a shift, cancelled ones included (resolvers filter). */
export const assignmentsByShiftId = byColumnLoader(AssignmentEntity, 'shiftId', 'createdAt', [
  'cancelledAt', // Shift.assignments filters on it
  'staffId', // and prefetches the people
]);

/** Assignment fields computed from the row, and the columns they need (see selectedProperties). */
export const ASSIGNMENT_DERIVED: DerivedFields = {
  shift: ['shiftId'],
  staff: ['staffId'],
  overrides: ['id'],
};
export const skillSlotsByShiftId = byColumnLoader(ShiftSkillSlotEntity, 'shiftId', 'skillId');
export const overridesByAssignmentId = byColumnLoader(RuleOverrideEntity, 'assignmentId', 'overriddenAt');
export const overridesByRotaId = byColumnLoader(RuleOverrideEntity, 'rotaId', 'overriddenAt');
export const changesByRotaId = byColumnLoader(RotaChangeEntity, 'rotaId', 'version');

/**
 * Absences (requested or approved) to show on each rota: of anyone assigned on it or based in its team, over its
 * dates. One query for every rota asked about.
 */
export const absencesByRotaId: LoaderFactory<string, AbsenceEntity[]> = (dataSource) =>
  new DataLoader<string, AbsenceEntity[]>(async (rotaIds) => {
    const rows: Array<{ rota_id: string; id: string }> = await dataSource.query(
      `SELECT r.id AS rota_id, a.id
         FROM rota r
         JOIN absence a ON a.status <> 'REJECTED' AND a.end_date >= r.start_date AND a.start_date <= r.end_date
        WHERE r.id = ANY($1)
          AND (a.staff_id IN (SELECT x.staff_id FROM assignment x JOIN shift s ON s.id = x.shift_id
                               WHERE s.rota_id = r.id AND x.cancelled_at IS NULL)
               OR a.staff_id IN (SELECT m.id FROM staff_member m WHERE m.home_team_id = r.team_id))`,
      [[...rotaIds]],
    );
    const absences = rows.length
      ? await dataSource
          .getRepository(AbsenceEntity)
          .createQueryBuilder('a')
          .where('a.id = ANY(:ids)', { ids: rows.map((r) => r.id) })
          .orderBy('a.start_date', 'ASC')
          .getMany()
      : [];
    const byId = new Map(absences.map((a) => [a.id, a]));
    return rotaIds.map((id) =>
      rows
        .filter((r) => r.rota_id === id)
        .map((r) => byId.get(r.id)!)
        .sort((a, b) => a.startDate.localeCompare(b.startDate)),
    );
  });
