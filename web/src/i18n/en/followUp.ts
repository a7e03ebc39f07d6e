import type { Shape } from '../shape';
import type zh from '../zh-CN/followUp';

export default {
  intro:
    "Every decision of the council's earlier meetings still open at this meeting, with its state, light, days overdue and last progress.",
  meeting: 'Choose a meeting',
  downloadXlsx: 'Download XLSX',
  noMeetings: 'This council has no meetings yet',
  asOf: 'As of {time}: {n} open',
  none: 'Every earlier decision is closed',
  number: 'Number',
  item: 'Item',
  status: 'Status',
  light: 'Light',
  daysOverdue: 'Overdue',
  lead: 'Lead unit',
  owner: 'Owner',
  lastProgress: 'Last progress',
  noProgress: 'No progress yet',
} satisfies Shape<typeof zh>;
