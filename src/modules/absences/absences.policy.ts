import { definePolicy, type PolicyContext } from '../../common/visibility/policy.js';
import { personSubject } from '../staff/staff.policy.js';
import type { AbsenceEntity } from './absence.entity.js';
import { AbsenceStatus } from './absence.enums.js';
import type { ShiftRequestEntity } from './shift-request.entity.js';

const ofPerson = (row: { staffId: string }, ctx: PolicyContext) => personSubject(row.staffId, ctx);

export const ABSENCE_POLICIES = [
  definePolicy<AbsenceEntity>({
    type: 'Absence',
    subject: ofPerson,
    // Colleagues and other teams' managers see that someone is away once it is approved, never a request.
    rows: (a, can) => can('SPECIAL_CATEGORY') || a.status === AbsenceStatus.APPROVED,
    rowsNote: '`SPECIAL_CATEGORY`; anyone who reaches it (a rota) once it is approved',
    fields: {
      PUBLIC: [
        'id',
        'staffId',
        'staff',
        'startDate',
        'endDate',
        'status',
        'requestedAt',
        'requestedBy',
        'decidedAt',
        'decidedBy',
      ],
      SPECIAL_CATEGORY: ['kind', 'note', 'decisionReason'],
    },
    note: 'Why someone is away is special-category data: others see only that they are unavailable (kind null).',
  }),
  definePolicy<ShiftRequestEntity>({
    type: 'ShiftRequest',
    subject: ofPerson,
    rows: 'SPECIAL_CATEGORY',
    fields: { PUBLIC: ['id', 'staffId', 'date', 'shiftTypeId', 'kind', 'weight'] },
    note: 'A person’s wishes are between them, the manager of their home team and HR.',
  }),
];
