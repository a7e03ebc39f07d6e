import type { EntityManager } from 'typeorm';
import { column, inChunks } from '../../database/column-wise';
import { preparedQuery } from '../../database/prepared-query';
import type { ChannelType } from '../../councils/council-channel.entity';
import type { CouncilPolicy } from '../../councils/policy';
import type { NotificationPreferences } from '../../people/person.entity';
import type { NotificationKind } from '../notification.entity';
import type { Delivery } from './delivery.entity';
import type { PlannedDelivery } from './delivery-planner';

/** What a message says about its item. Read with SQL: the resolutions folder depends on this one, not the reverse. */
export interface ItemFacts {
  id: string;
  councilId: string;
  number: number;
  title: string;
  status: string;
  dueAt: Date | null;
  escalationLevel: number;
  confidential: boolean;
}

export async function findItem(m: EntityManager, id: string): Promise<ItemFacts | null> {
  const rows: ItemFacts[] = await m.query(
    `SELECT id, council_id AS "councilId", number, title, status, due_at AS "dueAt", escalation_level AS "escalationLevel", confidential
       FROM resolutions WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

const RETURNING = `RETURNING id, cause, channel, target_key AS "targetKey", channel_id AS "channelId", recipient_id AS "recipientId",
  notification_id AS "notificationId", council_id AS "councilId", resolution_id AS "resolutionId", mention_ids AS "mentionIds",
  digest, target, status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt",
  created_at AS "createdAt"`;

/** What a message says about its notification (the columns of `notifications` sending reads). */
export interface NotificationFacts {
  id: string;
  kind: NotificationKind;
  level: number | null;
  title: string;
  body: string;
  councilId: string | null;
  resolutionId: string | null;
  createdAt: Date;
}

/** What sending needs of a claimed row, and what settling it is fenced by (`attempts`). */
export type ClaimedDelivery = Pick<Delivery, 'id' | 'channel' | 'channelId' | 'recipientId' | 'notificationId' | 'mentionIds' | 'attempts'>;

/** What sending one (non-digest) delivery reads besides its row: fetched by the claim itself. */
export interface ClaimedSend {
  delivery: ClaimedDelivery;
  notification: NotificationFacts | null;
  item: ItemFacts | null;
  /** The council's zone (Asia/Shanghai when the row has no council). */
  zone: string;
  /** The council channel with its secret (never leaves the process); null for e-mail or a removed channel. */
  channel: ChannelRow | null;
}

/** One row of the claim: the delivery's columns, then the notification's (n_), the item's (r_) and the channel's (ch_). */
interface ClaimRow {
  id: string;
  channel: Delivery['channel'];
  channelId: string | null;
  recipientId: string | null;
  notificationId: string;
  mentionIds: string[];
  attempts: number;
  n_id: string | null;
  n_kind: NotificationKind;
  n_level: number | null;
  n_title: string;
  n_body: string;
  n_councilId: string | null;
  n_resolutionId: string | null;
  n_createdAt: Date;
  r_id: string | null;
  r_councilId: string;
  r_number: number;
  r_title: string;
  r_status: string;
  r_dueAt: Date | null;
  r_escalationLevel: number;
  r_confidential: boolean;
  zone: string | null;
  ch_id: string | null;
  ch_councilId: string;
  ch_type: ChannelType;
  ch_name: string;
  ch_url: string;
  ch_secret: string | null;
  ch_kinds: string[];
  ch_minLevel: number;
  ch_enabled: boolean;
}

/** The claim's statement ($1 the ids, $2 now, $3 the lease in ms); exported for the test of its plan. */
export const CLAIM_FOR_SEND = `WITH c AS (
     UPDATE deliveries SET attempts = attempts + 1, lease_until = $2::timestamptz + $3 * interval '1 millisecond', updated_at = now()
      WHERE id = ANY($1::uuid[]) AND status = 'pending' AND NOT digest AND (lease_until IS NULL OR lease_until < $2)
        AND (next_attempt_at IS NULL OR next_attempt_at <= $2::timestamptz + interval '1 second')
     RETURNING id, channel, channel_id, recipient_id, notification_id, mention_ids, attempts, resolution_id, council_id)
   SELECT c.id, c.channel, c.channel_id AS "channelId", c.recipient_id AS "recipientId", c.notification_id AS "notificationId",
          c.mention_ids AS "mentionIds", c.attempts,
          n.id AS "n_id", n.kind AS "n_kind", n.level AS "n_level", n.title AS "n_title", n.body AS "n_body",
          n.council_id AS "n_councilId", n.resolution_id AS "n_resolutionId", n.created_at AS "n_createdAt",
          r.id AS "r_id", r.council_id AS "r_councilId", r.number AS "r_number", r.title AS "r_title", r.status AS "r_status",
          r.due_at AS "r_dueAt", r.escalation_level AS "r_escalationLevel", r.confidential AS "r_confidential",
          co.timezone AS "zone",
          ch.id AS "ch_id", ch.council_id AS "ch_councilId", ch.type AS "ch_type", ch.name AS "ch_name", ch.url AS "ch_url",
          ch.secret AS "ch_secret", ch.kinds AS "ch_kinds", ch.min_level AS "ch_minLevel", ch.enabled AS "ch_enabled"
     FROM c
     LEFT JOIN notifications n ON n.id = c.notification_id
     LEFT JOIN resolutions r ON r.id = c.resolution_id
     LEFT JOIN councils co ON co.id = c.council_id
     LEFT JOIN council_channels ch ON ch.id = c.channel_id`;

/**
 * Takes pending, due rows (not digest rows) for one sending attempt each: counts the attempt and leases
 * the row, so a second job for it (a sweep's copy, a stalled job run again) finds it taken. With them, every
 * read sending needs (the notification, the item, the council's zone, the channel with its secret), in ONE
 * statement for many rows: the worker claims together the rows of the jobs that start while a claim is
 * under way (Batcher), and settles together those that end. It runs as a prepared statement and answers
 * only the columns sending reads: at thousands of sends a second, planning it and decoding unused
 * columns were a good part of the cost. The reads see the rows as they are at the claim (the item renamed
 * a second ago is sent renamed). Answers the rows it took, by id; a row missing was not pending, not due,
 * a digest row, or leased.
 */
export async function claimForSend(m: EntityManager, ids: string[], now: Date, leaseMs: number): Promise<Map<string, ClaimedSend>> {
  const { rows } = await preparedQuery<ClaimRow>(m, 'delivery-claim', CLAIM_FOR_SEND, [ids, now, leaseMs]);
  return new Map(rows.map((row) => [row.id, claimedSend(row)]));
}

function claimedSend(row: ClaimRow): ClaimedSend {
  return {
    delivery: {
      id: row.id,
      channel: row.channel,
      channelId: row.channelId,
      recipientId: row.recipientId,
      notificationId: row.notificationId,
      mentionIds: row.mentionIds,
      attempts: row.attempts,
    },
    notification: row.n_id
      ? {
          id: row.n_id,
          kind: row.n_kind,
          level: row.n_level,
          title: row.n_title,
          body: row.n_body,
          councilId: row.n_councilId,
          resolutionId: row.n_resolutionId,
          createdAt: row.n_createdAt,
        }
      : null,
    item: row.r_id
      ? {
          id: row.r_id,
          councilId: row.r_councilId,
          number: row.r_number,
          title: row.r_title,
          status: row.r_status,
          dueAt: row.r_dueAt,
          escalationLevel: row.r_escalationLevel,
          confidential: row.r_confidential,
        }
      : null,
    zone: row.zone ?? 'Asia/Shanghai',
    channel: row.ch_id
      ? {
          id: row.ch_id,
          councilId: row.ch_councilId,
          type: row.ch_type,
          name: row.ch_name,
          url: row.ch_url,
          secret: row.ch_secret,
          kinds: row.ch_kinds,
          minLevel: row.ch_minLevel,
          enabled: row.ch_enabled,
        }
      : null,
  };
}

/** What the outbox's insert answers for each row it wrote (a row whose (cause, channel, target) exists is not written). */
export interface InsertedDelivery {
  id: string;
  status: string;
  nextAttemptAt: Date | null;
}

/**
 * Writes planned deliveries in one statement per 1,000 rows, column by column (`unnest`): the statement
 * text stays the same whatever the number of rows, so PostgreSQL and the driver do not build and parse
 * tens of thousands of placeholders per batch. Mentions travel as array literals (unnest flattens nested
 * arrays). A row already written for the same cause, channel and target is left alone.
 */
export function insertDeliveries(m: EntityManager, rows: PlannedDelivery[], createdAt: Date): Promise<InsertedDelivery[]> {
  return inChunks(rows, (chunk) =>
    m.query(
      `INSERT INTO deliveries (cause, channel, target_key, channel_id, recipient_id, notification_id, council_id, resolution_id,
                               mention_ids, digest, target, status, last_error, next_attempt_at, created_at)
       SELECT d.cause, d.channel, d.target_key, d.channel_id, d.recipient_id, d.notification_id, d.council_id, d.resolution_id,
              d.mention_ids::uuid[], d.digest, d.target, d.status, d.last_error, d.next_attempt_at, $15
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[],
                     $10::boolean[], $11::text[], $12::text[], $13::text[], $14::timestamptz[])
           AS d(cause, channel, target_key, channel_id, recipient_id, notification_id, council_id, resolution_id, mention_ids,
                digest, target, status, last_error, next_attempt_at)
       ON CONFLICT DO NOTHING
       RETURNING id, status, next_attempt_at AS "nextAttemptAt"`,
      [
        column(chunk, 'cause'),
        column(chunk, 'channel'),
        column(chunk, 'targetKey'),
        column(chunk, 'channelId'),
        column(chunk, 'recipientId'),
        column(chunk, 'notificationId'),
        column(chunk, 'councilId'),
        column(chunk, 'resolutionId'),
        chunk.map((r) => `{${r.mentionIds.join(',')}}`),
        column(chunk, 'digest'),
        column(chunk, 'target'),
        column(chunk, 'status'),
        column(chunk, 'lastError'),
        column(chunk, 'nextAttemptAt'),
        createdAt,
      ],
    ),
  );
}

/** The person whose pending digest row this is, or null (claim the digest with `claimDigest`). */
export async function digestRecipientOf(m: EntityManager, id: string): Promise<string | null> {
  const rows: { recipient_id: string }[] = await m.query(
    `SELECT recipient_id FROM deliveries WHERE id = $1 AND digest AND status = 'pending'`,
    [id],
  );
  return rows[0]?.recipient_id ?? null;
}

/** Every due digest row of one person, claimed together: they go out as one e-mail. */
export async function claimDigest(m: EntityManager, recipientId: string, now: Date, leaseMs: number): Promise<Delivery[]> {
  const [rows] = await m.query<[Delivery[], number]>(
    `UPDATE deliveries SET attempts = attempts + 1, lease_until = $2::timestamptz + $3 * interval '1 millisecond', updated_at = now()
      WHERE recipient_id = $1 AND digest AND channel = 'email' AND status = 'pending' AND (lease_until IS NULL OR lease_until < $2)
        AND next_attempt_at <= $2::timestamptz + interval '1 second'
      ${RETURNING}`,
    [recipientId, now, leaseMs],
  );
  return rows;
}

/**
 * Ends (or puts back) the attempt each row was claimed for. Fenced by the attempt count the claim
 * returned: a row claimed again since (its lease ran out and another worker took it) is left alone, so a
 * late answer from an attempt that lost its lease can never overwrite the newer attempt's outcome.
 * Answers how many rows it changed.
 */
export async function settleDeliveries(
  m: EntityManager,
  rows: Pick<Delivery, 'id' | 'attempts'>[],
  change: {
    status: 'pending' | 'sent' | 'failed' | 'skipped';
    lastError: string | null;
    nextAttemptAt?: Date | null;
    sentAt?: Date | null;
  },
): Promise<number> {
  const [, count] = await m.query<[unknown[], number]>(
    `UPDATE deliveries d SET status = $3, last_error = $4, next_attempt_at = COALESCE($5, d.next_attempt_at), sent_at = COALESCE($6, d.sent_at),
            lease_until = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempts)
      WHERE d.id = c.id AND d.attempts = c.attempts AND d.status = 'pending'`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.attempts),
      change.status,
      change.lastError?.slice(0, 2000) ?? null,
      change.nextAttemptAt ?? null,
      change.sentAt ?? null,
    ],
  );
  return count;
}

/**
 * Settles many rows as sent in one statement, each fenced by its own claimed attempt (see settleDeliveries)
 * and stamped with its own instant. The send path batches here (Batcher): attempts that succeed while a
 * batch is being written share the next statement, prepared like the claim.
 */
export async function settleSent(m: EntityManager, rows: { id: string; attempts: number; at: Date }[]): Promise<number> {
  const { rowCount } = await preparedQuery(
    m,
    'delivery-settle-sent',
    `UPDATE deliveries d SET status = 'sent', last_error = NULL, sent_at = c.at, lease_until = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS c(id, attempts, at)
      WHERE d.id = c.id AND d.attempts = c.attempts AND d.status = 'pending'`,
    [rows.map((r) => r.id), rows.map((r) => r.attempts), rows.map((r) => r.at)],
  );
  return rowCount;
}

/** Gives back a claimed attempt that was not made and names when to try (a robot's next free slot; a Feishu send moved off :00 / :30). */
export async function postponeClaim(m: EntityManager, id: string, until: Date): Promise<void> {
  await m.query(
    `UPDATE deliveries SET attempts = attempts - 1, lease_until = NULL, next_attempt_at = $2, updated_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, until],
  );
}

/**
 * Pending rows due within the horizon and not leased by a live attempt: what the sweep re-queues, a page
 * at a time in (next_attempt_at, id) order. `after` is the previous page's last `position`: the instant as
 * PostgreSQL wrote it (microseconds; a JavaScript Date would round it and read the same rows again).
 */
export async function findDue(
  m: EntityManager,
  now: Date,
  horizonMs: number,
  limit: number,
  after?: string,
): Promise<{ id: string; nextAttemptAt: Date; position: string }[]> {
  return m.query(
    `SELECT id, next_attempt_at AS "nextAttemptAt", next_attempt_at::text || '|' || id AS position FROM deliveries
      WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz + $2 * interval '1 millisecond'
        AND (lease_until IS NULL OR lease_until < $1)
        AND ($4::text IS NULL OR (next_attempt_at, id) > (split_part($4, '|', 1)::timestamptz, split_part($4, '|', 2)::uuid))
      ORDER BY next_attempt_at, id LIMIT $3`,
    [now, horizonMs, limit, after ?? null],
  );
}

// Reads of the directory and the councils' channels that sending needs, in SQL: delivery reads what a
// message says at the moment it is sent, and these folders do not export a service for it.

export interface PersonFacts {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  dingtalkUserId: string | null;
  wecomUserId: string | null;
  preferences: NotificationPreferences;
}

export async function findPeople(m: EntityManager, ids: string[]): Promise<PersonFacts[]> {
  if (ids.length === 0) return [];
  return m.query(
    `SELECT id, name, email, phone, dingtalk_user_id AS "dingtalkUserId", wecom_user_id AS "wecomUserId", preferences
       FROM people WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface ChannelRow {
  id: string;
  councilId: string;
  type: ChannelType;
  name: string;
  url: string;
  secret: string | null;
  kinds: string[];
  minLevel: number;
  enabled: boolean;
}

const CHANNEL_COLUMNS = `id, council_id AS "councilId", type, name, url, secret, kinds, min_level AS "minLevel", enabled`;

export async function findChannelsOfCouncils(m: EntityManager, councilIds: string[]): Promise<Omit<ChannelRow, 'secret'>[]> {
  if (councilIds.length === 0) return [];
  return m.query(
    `SELECT id, council_id AS "councilId", type, name, url, kinds, min_level AS "minLevel", enabled FROM council_channels WHERE council_id = ANY($1::uuid[])`,
    [councilIds],
  );
}

/** One channel with its secret (never leaves the process). `councilId` narrows it to one council. */
export async function findChannel(m: EntityManager, id: string, councilId?: string): Promise<ChannelRow | null> {
  const rows: ChannelRow[] = await m.query(
    `SELECT ${CHANNEL_COLUMNS} FROM council_channels WHERE id = $1 AND ($2::uuid IS NULL OR council_id = $2)`,
    [id, councilId ?? null],
  );
  return rows[0] ?? null;
}

export async function findCouncilSettings(
  m: EntityManager,
  ids: string[],
): Promise<{ id: string; timezone: string; policy: CouncilPolicy | null }[]> {
  if (ids.length === 0) return [];
  return m.query(`SELECT id, timezone, policy FROM councils WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Puts a `failed` delivery back to pending, due at `now`; false when it is not failed (any more). */
export async function requeueFailed(m: EntityManager, id: string, now: Date): Promise<boolean> {
  const [updated] = await m.query<[{ id: string }[], number]>(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = $2, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'failed' RETURNING id`,
    [id, now],
  );
  return updated.length > 0;
}
