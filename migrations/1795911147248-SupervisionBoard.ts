import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The board of a council with 50,000 items inside a table of millions reads one narrow covering
 * index, not the heap: `resolutions_board_idx` is keyed by council and INCLUDEs every column the
 * board's aggregate and its light rule read, so the aggregate is an index-only scan of the council's
 * slice. (TypeORM cannot declare INCLUDE; the entity registers the name with synchronize: false.)
 */
export class SupervisionBoard1795911147248 implements MigrationInterface {
  name = 'SupervisionBoard1795911147248';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "resolutions_board_idx" ON "resolutions" ("council_id") INCLUDE ("status", "priority", "lead_organization_id", "owner_id", "due_at", "original_due_at", "completion_requested_at", "assigned_at", "accepted_at", "last_progress_at", "report_overdue_since", "co_organization_ids")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "resolutions_board_idx"`);
  }
}
