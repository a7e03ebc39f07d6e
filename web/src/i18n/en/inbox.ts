import type { Shape } from '../shape';
import type zh from '../zh-CN/inbox';

export default {
  unreadOnly: 'Unread only',
  markRead: 'Mark as read',
  open: 'Open item',
  nothing: 'No messages.',
  kind: {
    assigned: 'Assigned',
    acceptance_overdue: 'Acceptance overdue',
    due_soon: 'Due soon',
    overdue: 'Overdue',
    escalated: 'Escalated',
    urged: 'Urged',
    progress_report_due: 'Progress report due',
    stagnant: 'No progress',
    extension_decided: 'Extension decided',
    returned: 'Sent back',
    closed: 'Closed',
    cancelled: 'Cancelled',
    bulletin: 'Bulletin',
  },
} satisfies Shape<typeof zh>;
