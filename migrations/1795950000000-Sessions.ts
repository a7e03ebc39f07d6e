import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions that can be ended (a per-person epoch carried by tokens) and disabled accounts. */
export class Sessions1795950000000 implements MigrationInterface {
  name = 'Sessions1795950000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "session_epoch" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "people" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "session_epoch"`);
  }
}
