import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { preparedQuery } from '../../src/database/prepared-query';
import { CLAIM_FOR_SEND, findDue } from '../../src/notifications/delivery/delivery.repository';
import { createScratchDatabase } from '../support/global-setup';

// The delivery claim runs thousands of times a second in a burst. Its plan must look the rows up by
// id whatever the statistics say: with statistics taken while few rows were pending, PostgreSQL used to
// AND the ids with a scan of the whole pending-by-due-time index, on every claim. The sweep, which
// compares due times, must keep that index.

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

function indexesOf(plan: PlanNode): string[] {
  return [...(plan['Index Name'] ? [plan['Index Name']] : []), ...(plan.Plans ?? []).flatMap(indexesOf)];
}

describe('delivery claim: its plan in a backlog the statistics have not seen', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: DataSource;
  let ids: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await new DataSource(dataSourceOptions(scratch.url, 2)).initialize();
    const [{ channelId, notificationId }] = await db.query(
      `WITH o AS (INSERT INTO organizations (name, kind) VALUES ('plan', 'company') RETURNING id),
            p AS (INSERT INTO people (username, password_hash, name, organization_id) SELECT 'plan', 'x', 'plan', id FROM o RETURNING id),
            c AS (INSERT INTO councils (name) VALUES ('plan') RETURNING id),
            ch AS (INSERT INTO council_channels (council_id, type, name, url) SELECT id, 'webhook', 'sink', 'https://example.org/hook' FROM c RETURNING id),
            n AS (INSERT INTO notifications (person_id, source_key, kind, title, body) SELECT id, 'plan', 'overdue', 't', 'b' FROM p RETURNING id)
       SELECT ch.id AS "channelId", n.id AS "notificationId" FROM ch, n`,
    );
    const insert = (from: number, to: number, status: string) =>
      db.query(
        `INSERT INTO deliveries (cause, channel, target_key, channel_id, notification_id, target, status, next_attempt_at)
         SELECT 'plan:' || i, 'webhook', 'channel:' || $1, $1::uuid, $2::uuid, 'https://example.org/…', $5, now()
           FROM generate_series($3::int, $4::int) i RETURNING id`,
        [channelId, notificationId, from, to, status],
      );
    // Statistics of a quiet outbox (a few rows, most sent), then a burst of 20,000 pending rows they do not know about.
    await insert(1, 300, 'sent');
    await insert(301, 320, 'pending');
    await db.query('ANALYZE deliveries');
    await db.query('ALTER TABLE deliveries SET (autovacuum_enabled = false)');
    const burst: { id: string }[] = await insert(321, 20_320, 'pending');
    ids = burst.slice(0, 64).map((r) => r.id);
  });

  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  it('looks the claimed rows up by primary key, never through the index of pending rows', async () => {
    const [{ 'QUERY PLAN': plans }] = await db.query(`EXPLAIN (FORMAT JSON) ${CLAIM_FOR_SEND}`, [ids, new Date(), 60_000]);
    const used = indexesOf((plans as { Plan: PlanNode }[])[0].Plan);
    expect(used).not.toContain('deliveries_due_idx');
    expect(used.some((name) => name.startsWith('PK_'))).toBe(true);
  });

  it('leaves that index to the sweep, which compares due times', async () => {
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const [{ 'QUERY PLAN': plans }] = await runner.query(
        `EXPLAIN (FORMAT JSON) SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 10`,
        [new Date()],
      );
      expect(indexesOf((plans as { Plan: PlanNode }[])[0].Plan)).toContain('deliveries_due_idx');
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    // And the sweep still finds the burst's rows.
    const due = await findDue(db.manager, new Date(Date.now() + 1000), 0, 5);
    expect(due).toHaveLength(5);
  });

  it('runs prepared on the pool, and as a plain query inside a transaction (it sees what the transaction wrote)', async () => {
    const text = 'SELECT count(*)::int AS n FROM deliveries WHERE id = ANY($1::uuid[])';
    for (let i = 0; i < 3; i++) {
      const { rows } = await preparedQuery<{ n: number }>(db.manager, 'plan-test-count', text, [ids]);
      expect(rows[0].n).toBe(64);
    }
    const id = randomUUID();
    await db
      .transaction(async (m) => {
        await m.query(
          `INSERT INTO deliveries (id, cause, channel, target_key, notification_id, target, status)
           SELECT $1, 'plan:tx', 'webhook', 'tx', notification_id, 't', 'skipped' FROM deliveries LIMIT 1`,
          [id],
        );
        const { rows } = await preparedQuery<{ n: number }>(m, 'plan-test-count', text, [[id]]);
        expect(rows[0].n).toBe(1);
        throw new Error('roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('roll back'));
    const { rows } = await preparedQuery<{ n: number }>(db.manager, 'plan-test-count', text, [[id]]);
    expect(rows[0].n).toBe(0);
  });
});
