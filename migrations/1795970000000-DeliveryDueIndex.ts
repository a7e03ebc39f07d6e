import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index of pending deliveries by due time now leaves out rows without one (a pending row always
 * has one; the sweep's `next_attempt_at <= …` never matched them anyway). What it changes is which
 * statements PostgreSQL may use it for: only those that test `next_attempt_at` against an instant
 * (the sweep, the digest). The claim and the settles look rows up by id; with the old predicate,
 * statistics taken before a burst made the planner AND the ids with a scan of every pending row's entry,
 * on every claim — a third of the database's time in a backlog of 50,000 rows.
 */
export class DeliveryDueIndex1795970000000 implements MigrationInterface {
  name = 'DeliveryDueIndex1795970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."deliveries_due_idx"`);
    await queryRunner.query(
      `CREATE INDEX "deliveries_due_idx" ON "deliveries" ("next_attempt_at") WHERE status = 'pending' AND next_attempt_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."deliveries_due_idx"`);
    await queryRunner.query(`CREATE INDEX "deliveries_due_idx" ON "deliveries" ("next_attempt_at") WHERE status = 'pending'`);
  }
}
