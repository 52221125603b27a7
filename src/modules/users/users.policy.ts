import { definePolicy } from '../../common/visibility/policy.js';

export const USER_POLICIES = [
  definePolicy({
    type: 'User',
    fields: { PUBLIC: ['id', 'name', 'staffMember'] },
    note: 'A person named on a record (who decided, requested, changed it) is shown to whoever may read that field of the record; their staff record keeps its own policy.',
  }),
];
