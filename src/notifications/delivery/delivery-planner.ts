import { DateTime } from 'luxon';
import { cachedZone } from '../../calendars/cached-zone';
import type { NotificationPreferences } from '../../people/person.entity';
import type { NotificationKind } from '../notification.entity';
import type { DeliveryChannel, DeliveryStatus } from './delivery.entity';

/** Kinds a person's daily digest collects (DESIGN.md): none of them needs action within the hour. */
export const DIGEST_KINDS: readonly NotificationKind[] = ['assigned', 'due_soon', 'progress_report_due', 'extension_decided', 'closed'];

/** What a council channel receives unless it says otherwise. */
export const DEFAULT_CHANNEL_KINDS: readonly NotificationKind[] = ['overdue', 'escalated', 'urged', 'bulletin'];

export interface QuietHours {
  start: string;
  end: string;
}

export interface WrittenNotification {
  id: string;
  personId: string;
  sourceKey: string;
  kind: NotificationKind;
  councilId: string | null;
  resolutionId: string | null;
  level: number | null;
}

export interface RecipientFacts {
  id: string;
  email: string | null;
  preferences: NotificationPreferences;
}

export interface ChannelFacts {
  id: string;
  councilId: string;
  type: Exclude<DeliveryChannel, 'email'>;
  url: string;
  kinds: string[];
  minLevel: number;
  enabled: boolean;
}

export interface CouncilFacts {
  timezone: string;
  quietHours: QuietHours | null;
}

export interface PlanInput {
  notifications: WrittenNotification[];
  people: Map<string, RecipientFacts>;
  channels: ChannelFacts[];
  councils: Map<string, CouncilFacts>;
  emailConfigured: boolean;
  now: Date;
  maskTarget: (channel: ChannelFacts) => string;
}

export interface PlannedDelivery {
  cause: string;
  channel: DeliveryChannel;
  targetKey: string;
  channelId: string | null;
  recipientId: string | null;
  notificationId: string;
  councilId: string | null;
  resolutionId: string | null;
  mentionIds: string[];
  digest: boolean;
  target: string;
  status: Extract<DeliveryStatus, 'pending' | 'skipped'>;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

const DEFAULT_ZONE = 'Asia/Shanghai';

/**
 * Decides, for notifications just written, which deliveries to write and when each is due. Pure: the
 * people's preferences, the council's channels and quiet hours, and `now` decide everything.
 *
 * - E-mail: one per notification of a person who chose e-mail; `skipped` (with the reason) when e-mail is
 *   not configured or the person has no address. Held to the end of quiet hours (theirs, else the
 *   council's) unless it is urgent and they let urgent ones through; digest kinds wait for the digest.
 * - Council channels: one group message per (cause, channel) whatever the number of recipients, naming
 *   every recipient who lets that kind of robot mention them. A disabled channel that wanted the kind
 *   leaves a `skipped` row, so a supervisor sees why nothing arrived.
 */
export function planDeliveries(input: PlanInput): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  for (const n of input.notifications) {
    const person = input.people.get(n.personId);
    if (!person?.preferences.channels.email) continue;
    const council = (n.councilId && input.councils.get(n.councilId)) || { timezone: DEFAULT_ZONE, quietHours: null };
    const base = {
      cause: n.sourceKey,
      channel: 'email' as const,
      targetKey: `person:${n.personId}`,
      channelId: null,
      recipientId: n.personId,
      notificationId: n.id,
      councilId: n.councilId,
      resolutionId: n.resolutionId,
      mentionIds: [],
      digest: false,
      target: person.email ? maskEmail(person.email) : '—',
    };
    if (!input.emailConfigured) {
      planned.push({ ...base, status: 'skipped', lastError: 'e-mail not configured (SMTP_URL unset)', nextAttemptAt: null });
      continue;
    }
    if (!person.email) {
      planned.push({ ...base, status: 'skipped', lastError: 'no e-mail address', nextAttemptAt: null });
      continue;
    }
    const digestAt = person.preferences.digest?.at;
    if (digestAt && DIGEST_KINDS.includes(n.kind)) {
      planned.push({
        ...base,
        digest: true,
        status: 'pending',
        lastError: null,
        nextAttemptAt: nextLocalTime(input.now, digestAt, council.timezone),
      });
      continue;
    }
    const quiet = person.preferences.quietHours === undefined ? council.quietHours : person.preferences.quietHours;
    const urgent = (n.level ?? 0) >= 3 || n.kind === 'urged';
    const bypass = urgent && person.preferences.urgentBypass !== false;
    const at = quiet && !bypass ? endOfQuietHours(input.now, quiet, council.timezone) : input.now;
    planned.push({ ...base, status: 'pending', lastError: null, nextAttemptAt: at });
  }

  const byCause = new Map<string, WrittenNotification[]>();
  for (const n of input.notifications) byCause.set(n.sourceKey, [...(byCause.get(n.sourceKey) ?? []), n]);
  for (const [cause, group] of byCause) {
    const first = group[0];
    if (!first.councilId) continue;
    const level = Math.max(...group.map((n) => n.level ?? 0));
    for (const channel of input.channels) {
      if (channel.councilId !== first.councilId || !channel.kinds.includes(first.kind) || level < channel.minLevel) continue;
      const mentionIds = [...new Set(group.map((n) => n.personId))].filter(
        (id) => channel.type === 'webhook' || input.people.get(id)?.preferences.channels[channel.type] === true,
      );
      planned.push({
        cause,
        channel: channel.type,
        targetKey: `channel:${channel.id}`,
        channelId: channel.id,
        recipientId: null,
        notificationId: first.id,
        councilId: first.councilId,
        resolutionId: first.resolutionId,
        mentionIds,
        digest: false,
        target: input.maskTarget(channel),
        status: channel.enabled ? 'pending' : 'skipped',
        lastError: channel.enabled ? null : 'channel off',
        nextAttemptAt: channel.enabled ? input.now : null,
      });
    }
  }
  return planned;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Whether a local time of day falls inside quiet hours (which may span midnight; start = end means none). */
export function isQuiet(instant: Date, quiet: QuietHours, zone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
  const t = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** The instant quiet hours end if `instant` falls inside them; otherwise `instant` itself. */
export function endOfQuietHours(instant: Date, quiet: QuietHours, zone: string): Date {
  return isQuiet(instant, quiet, zone) ? nextLocalTime(instant, quiet.end, zone) : instant;
}

/** The first instant at or after `instant` whose local time (in `zone`) is `hhmm`. */
export function nextLocalTime(instant: Date, hhmm: string, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone: cachedZone(zone) });
  const [hour, minute] = hhmm.split(':').map(Number);
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (candidate < local) candidate = candidate.plus({ days: 1 }).set({ hour, minute });
  return candidate.toJSDate();
}

/** `zhang.san@example.com` → `z***@example.com`: enough to recognise, not enough to harvest. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
