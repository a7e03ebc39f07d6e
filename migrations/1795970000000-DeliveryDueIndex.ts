import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index of pending deliveries by due time now leaves out rows without one (a pending row always
 * has one; the sweep's `next_attempt_at <= …` never matched them anyway). What it changes is which
 * statements PostgreSQL may use it for: only those that compare `next_attempt_at` with an instant
 * (the sweep, the digest). The claim and the settles look rows up by id; with the old predicate,
 * statistics taken before a burst made the planner AND the ids with a scan of every pending row's entry,
 * on every claim — a third of the database's time in a backlog of 50,000 rows.
 *
 * `deliveries` keeps every delivery ever made, so the new index is built CONCURRENTLY (outside a
 * transaction: senders and the outbox keep writing meanwhile) under a temporary name, the old one is
 * dropped CONCURRENTLY, and the new one takes its name. Should the build be interrupted, PostgreSQL
 * leaves an invalid `deliveries_due_idx_next`; running the migrations again drops it and starts over.
 */
export class DeliveryDueIndex1795970000000 implements MigrationInterface {
  name = 'DeliveryDueIndex1795970000000';
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "public"."deliveries_due_idx_next"`);
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY "deliveries_due_idx_next" ON "deliveries" ("next_attempt_at") WHERE status = 'pending' AND next_attempt_at IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "public"."deliveries_due_idx"`);
    await queryRunner.query(`ALTER INDEX "public"."deliveries_due_idx_next" RENAME TO "deliveries_due_idx"`);
  }

  /** Plain statements (TypeORM's revert runs in a transaction, where CONCURRENTLY is refused). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."deliveries_due_idx_next"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_due_idx"`);
    await queryRunner.query(`CREATE INDEX "deliveries_due_idx" ON "deliveries" ("next_attempt_at") WHERE status = 'pending'`);
  }
}
