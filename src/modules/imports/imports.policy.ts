import { definePolicy } from '../../common/visibility/policy.js';

export const IMPORT_POLICIES = [
  definePolicy({
    type: 'ImportResult',
    fields: {
      PUBLIC: [
        'id',
        'kind',
        'organisationId',
        'dryRun',
        'status',
        'requestedBy',
        'rowsTotal',
        'rowsValid',
        'rowsWritten',
        'errorCount',
        'errors',
        'createdAt',
        'finishedAt',
      ],
    },
    note: 'Reached only by HR of the organisation and ADMIN (importCsv, imports and import check it).',
  }),
  definePolicy({
    type: 'ImportRowError',
    fields: { PUBLIC: ['line', 'column', 'code', 'message'] },
    note: 'Part of an import: whoever reaches the import (its organisation’s HR, ADMIN).',
  }),
];
