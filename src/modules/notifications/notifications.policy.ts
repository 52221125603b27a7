import { definePolicy } from '../../common/visibility/policy.js';

const NOTE =
  'Reached only through the caller’s own inbox (notifications, markNotificationsRead): their own entries and, as a manager, their teams’.';

export const NOTIFICATION_POLICIES = [
  definePolicy({
    type: 'Notification',
    fields: {
      PUBLIC: [
        'id',
        'kind',
        'recipientStaffId',
        'recipientTeamId',
        'title',
        'body',
        'links',
        'createdAt',
        'readAt',
      ],
    },
    note: NOTE,
  }),
  definePolicy({
    type: 'MarkNotificationsReadResult',
    fields: { PUBLIC: ['marked', 'unreadCount'] },
    note: 'Counts of the caller’s own inbox.',
  }),
];
