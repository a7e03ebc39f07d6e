/**
 * Every kind of notification (API.md). In common/ because councils (the kinds a channel asks for) and
 * notifications both name them, and notifications sits above councils.
 */
export const NOTIFICATION_KINDS = [
  'assigned',
  'acceptance_overdue',
  'due_soon',
  'overdue',
  'escalated',
  'urged',
  'progress_report_due',
  'progress_report_missed',
  'stagnant',
  'extension_decided',
  'returned',
  'closed',
  'cancelled',
  'bulletin',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
