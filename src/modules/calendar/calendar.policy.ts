import { definePolicy } from '../../common/visibility/policy.js';

export const CALENDAR_POLICIES = [
  definePolicy({
    type: 'CalendarFeed',
    fields: { PUBLIC: ['staffId', 'url', 'token', 'issuedAt'] },
    note: 'Returned only to whoever issued it: the person, or HR of their employer.',
  }),
];
