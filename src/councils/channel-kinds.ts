/**
 * The notification kinds a channel may ask for. The same list as the notifications' own (a unit test in
 * notifications/delivery says so); written out here because notifications depends on councils, not the reverse.
 */
export const CHANNEL_KINDS = [
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
