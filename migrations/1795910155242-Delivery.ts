import { MigrationInterface, QueryRunner } from 'typeorm';

export class Delivery1795910155242 implements MigrationInterface {
  name = 'Delivery1795910155242';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cause" text NOT NULL, "channel" text NOT NULL, "target_key" text NOT NULL, "channel_id" uuid, "recipient_id" uuid, "notification_id" uuid NOT NULL, "council_id" uuid, "resolution_id" uuid, "mention_ids" uuid array NOT NULL DEFAULT '{}', "digest" boolean NOT NULL DEFAULT false, "target" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "deliveries_status_check" CHECK ("status" IN ('pending', 'sent', 'failed', 'skipped')), CONSTRAINT "deliveries_channel_check" CHECK ("channel" IN ('email', 'dingtalk', 'wecom', 'feishu', 'webhook')), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "deliveries_resolution_idx" ON "deliveries"  ("resolution_id") `);
    await queryRunner.query(`CREATE INDEX "deliveries_council_created_idx" ON "deliveries"  ("council_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "deliveries_due_idx" ON "deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "deliveries_cause_target_key" ON "deliveries"  ("cause", "channel", "target_key") `);
    await queryRunner.query(`ALTER TABLE "council_channels" ADD "kinds" text array NOT NULL DEFAULT '{overdue,escalated,urged,bulletin}'`);
    await queryRunner.query(`ALTER TABLE "council_channels" ADD "min_level" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "council_channels" ADD "enabled" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "resolutions" ADD "confidential" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "resolutions" DROP COLUMN "confidential"`);
    await queryRunner.query(`ALTER TABLE "council_channels" DROP COLUMN "enabled"`);
    await queryRunner.query(`ALTER TABLE "council_channels" DROP COLUMN "min_level"`);
    await queryRunner.query(`ALTER TABLE "council_channels" DROP COLUMN "kinds"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_cause_target_key"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_council_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."deliveries_resolution_idx"`);
    await queryRunner.query(`DROP TABLE "deliveries"`);
  }
}
