import type { Shape } from '../shape';
import type zh from '../zh-CN/board';

export default {
  council: 'Council',
  allCouncils: 'All councils',
  asOf: 'As of {at}',
  byStatus: 'By status',
  byLight: 'Lights',
  overdue: 'Overdue items',
  noOverdue: 'Nothing is overdue.',
  daysOverdue: 'Days overdue',
  level: 'Level',
  number: 'No.',
  title: 'Item',
  owner: 'Owner',
  lead: 'Lead unit',
  dueAt: 'Due',
  byOrganization: 'By unit',
  byCouncil: 'By council',
  byOwner: 'By owner',
  open: 'Open',
  closed: 'Closed',
  closedOnTime: 'Closed on time',
  onTimeRate: 'On-time rate',
  notAllowed: 'The board is for supervisors, council chairs and administrators.',
} satisfies Shape<typeof zh>;
