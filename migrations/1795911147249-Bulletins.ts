import { MigrationInterface, QueryRunner } from 'typeorm';

export class Bulletins1795911147249 implements MigrationInterface {
  name = 'Bulletins1795911147249';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bulletins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "created_by_id" uuid, "summary" jsonb NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bulletins_period_check" CHECK ("period_end" >= "period_start"), CONSTRAINT "bulletins_source_check" CHECK ("source" IN ('manual', 'scheduled')), CONSTRAINT "PK_2a8a95dd56d5a3507074c35954e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "bulletins_scheduled_key" ON "bulletins"  ("council_id", "period_end") WHERE "source" = 'scheduled'`,
    );
    await queryRunner.query(`CREATE INDEX "bulletins_council_created_idx" ON "bulletins"  ("council_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."bulletins_council_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."bulletins_scheduled_key"`);
    await queryRunner.query(`DROP TABLE "bulletins"`);
  }
}
