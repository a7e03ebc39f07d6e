import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyed audit chains and the directory chain (issue 10):
 * - `hash_version`: rows already written keep 1 (unkeyed SHA-256); the service writes 2 (HMAC with
 *   AUDIT_KEY) and, at its first start, seals each older chain with a keyed `audit.keyed` event;
 * - directory and administration events live on one more chain, `council_id` NULL, its head in
 *   `audit_chains` (seq unique among them);
 * - TRUNCATE is refused like UPDATE and DELETE (a statement trigger: row triggers do not see it).
 */
export class AuditKeyed1795950000100 implements MigrationInterface {
  name = 'AuditKeyed1795950000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "hash_version" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "events" ALTER COLUMN "hash_version" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "events" ALTER COLUMN "council_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "events_directory_seq_key" ON "events" ("seq") WHERE "council_id" IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "audit_chains" ("name" text NOT NULL, "event_seq" bigint NOT NULL DEFAULT 0, "event_head_hash" text, CONSTRAINT "PK_audit_chains" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`INSERT INTO "audit_chains" ("name") VALUES ('directory')`);
    await queryRunner.query(
      `CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON "events" FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "events_no_truncate" ON "events"`);
    await queryRunner.query(`DROP TABLE "audit_chains"`);
    await queryRunner.query(`DROP INDEX "public"."events_directory_seq_key"`);
    await queryRunner.query(`ALTER TABLE "events" ALTER COLUMN "council_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "hash_version"`);
  }
}
