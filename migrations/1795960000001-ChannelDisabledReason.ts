import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why and when delivery turned a channel off by itself (a webhook answering 410 Gone). */
export class ChannelDisabledReason1795960000001 implements MigrationInterface {
  name = 'ChannelDisabledReason1795960000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "council_channels" ADD "disabled_reason" text`);
    await queryRunner.query(`ALTER TABLE "council_channels" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "council_channels" DROP COLUMN "disabled_at"`);
    await queryRunner.query(`ALTER TABLE "council_channels" DROP COLUMN "disabled_reason"`);
  }
}
