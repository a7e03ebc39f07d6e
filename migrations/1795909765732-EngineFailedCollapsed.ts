import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled actions may end `collapsed` (carried out, their message merged into a later one) or
 * `failed` (set aside with `last_error` because their council could not be handled). The check
 * constraint keeps its name, so TypeORM does not see the new values: it is replaced by hand.
 */
export class EngineFailedCollapsed1795909765732 implements MigrationInterface {
  name = 'EngineFailedCollapsed1795909765732';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scheduled_actions" ADD "last_error" text`);
    await queryRunner.query(`ALTER TABLE "scheduled_actions" DROP CONSTRAINT "scheduled_actions_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "scheduled_actions" ADD CONSTRAINT "scheduled_actions_status_check" CHECK ("status" IN ('pending', 'done', 'skipped', 'cancelled', 'collapsed', 'failed'))`,
    );
    await queryRunner.query(
      `CREATE INDEX "scheduled_actions_failed_idx" ON "scheduled_actions"  ("created_at", "id") WHERE "status" = 'failed'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."scheduled_actions_failed_idx"`);
    await queryRunner.query(`UPDATE "scheduled_actions" SET "status" = 'done' WHERE "status" = 'collapsed'`);
    await queryRunner.query(`UPDATE "scheduled_actions" SET "status" = 'cancelled' WHERE "status" = 'failed'`);
    await queryRunner.query(`ALTER TABLE "scheduled_actions" DROP CONSTRAINT "scheduled_actions_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "scheduled_actions" ADD CONSTRAINT "scheduled_actions_status_check" CHECK ("status" IN ('pending', 'done', 'skipped', 'cancelled'))`,
    );
    await queryRunner.query(`ALTER TABLE "scheduled_actions" DROP COLUMN "last_error"`);
  }
}
