import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReminderEngine1795508417931 implements MigrationInterface {
  name = 'ReminderEngine1795508417931';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "source_key" text NOT NULL, "kind" text NOT NULL, "council_id" uuid, "resolution_id" uuid, "level" smallint, "title" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('assigned', 'acceptance_overdue', 'due_soon', 'overdue', 'escalated', 'urged', 'progress_report_due', 'progress_report_missed', 'stagnant', 'extension_decided', 'returned', 'closed', 'cancelled', 'bulletin')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_resolution_idx" ON "notifications"  ("resolution_id") `);
    await queryRunner.query(`CREATE INDEX "notifications_person_created_idx" ON "notifications"  ("person_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_source_person_key" ON "notifications"  ("source_key", "person_id") `);
    await queryRunner.query(
      `CREATE TABLE "scheduled_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "resolution_id" uuid NOT NULL, "kind" text NOT NULL, "key" text NOT NULL, "fire_at" TIMESTAMP WITH TIME ZONE NOT NULL, "nominal_at" TIMESTAMP WITH TIME ZONE NOT NULL, "level" smallint, "recipients" text array NOT NULL, "status" text NOT NULL DEFAULT 'pending', "handled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scheduled_actions_status_check" CHECK ("status" IN ('pending', 'done', 'skipped', 'cancelled')), CONSTRAINT "scheduled_actions_kind_check" CHECK ("kind" IN ('acceptance_overdue', 'due_soon', 'escalation', 'progress_report_due', 'progress_report_missed', 'stagnant')), CONSTRAINT "PK_d0b3ee369a10cd20677346d0b65" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "scheduled_actions_resolution_idx" ON "scheduled_actions"  ("resolution_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "scheduled_actions_pending_key" ON "scheduled_actions"  ("resolution_id", "key") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "scheduled_actions_pending_due_idx" ON "scheduled_actions"  ("fire_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`ALTER TABLE "resolutions" ADD "missed_reports" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "resolutions" ADD "report_overdue_since" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "resolutions" ADD "last_report_cycle_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resolutions" DROP COLUMN "last_report_cycle_at"`);
    await queryRunner.query(`ALTER TABLE "resolutions" DROP COLUMN "report_overdue_since"`);
    await queryRunner.query(`ALTER TABLE "resolutions" DROP COLUMN "missed_reports"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_actions_pending_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_actions_pending_key"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_actions_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "scheduled_actions"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_source_person_key"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_person_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
