import { MigrationInterface, QueryRunner } from 'typeorm';
import { orphanProofSql, type ReferenceKey } from './1795909267762-ForeignKeys';

/**
 * The deliveries table (migration Delivery) was written after ForeignKeys and trusted the application
 * for its references. From here the database refuses a delivery that refers to nothing, exactly as
 * ForeignKeys does for the other tables, in the same order inside this migration's one transaction:
 * 1. each key is added `NOT VALID` (instant, and it takes the locks that stop new orphans appearing);
 * 2. the orphan proof (ForeignKeys' own) counts the rows that refer to nothing and raises ONE exception
 *    listing each column and count if there is any; nothing is deleted — an operator repairs the rows
 *    and runs the migrations again;
 * 3. each key is validated.
 *
 * - `notification_id` → notifications, `recipient_id` → people: `ON DELETE RESTRICT`, like every other
 *   key (neither is ever deleted by the service).
 * - `channel_id` → council_channels: `ON DELETE SET NULL`. A chair may delete a channel
 *   (`DELETE /councils/:id/channels/:channelId`); its deliveries stay as history (their `target` still
 *   shows where they went) and a pending one ends `skipped: channel removed` when its job runs. RESTRICT
 *   would make a channel that ever sent anything impossible to delete. The delete then scans deliveries
 *   once for the rows to update (no index on `channel_id`: an index would cost every outbox insert a
 *   write, for an admin action that happens a few times a year).
 */
export const DELIVERY_KEYS: (ReferenceKey & { onDelete: 'RESTRICT' | 'SET NULL' })[] = [
  {
    name: 'fk_deliveries_notification_id',
    table: 'deliveries',
    column: 'notification_id',
    references: 'notifications',
    onDelete: 'RESTRICT',
  },
  { name: 'fk_deliveries_channel_id', table: 'deliveries', column: 'channel_id', references: 'council_channels', onDelete: 'SET NULL' },
  { name: 'fk_deliveries_recipient_id', table: 'deliveries', column: 'recipient_id', references: 'people', onDelete: 'RESTRICT' },
];

export class DeliveryForeignKeys1795960000000 implements MigrationInterface {
  name = 'DeliveryForeignKeys1795960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const k of DELIVERY_KEYS)
      await queryRunner.query(
        `ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" FOREIGN KEY ("${k.column}") REFERENCES "${k.references}"("id") ON DELETE ${k.onDelete} ON UPDATE NO ACTION NOT VALID`,
      );
    await queryRunner.query(orphanProofSql(DELIVERY_KEYS));
    for (const k of DELIVERY_KEYS) await queryRunner.query(`ALTER TABLE "${k.table}" VALIDATE CONSTRAINT "${k.name}"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const k of [...DELIVERY_KEYS].reverse()) await queryRunner.query(`ALTER TABLE "${k.table}" DROP CONSTRAINT "${k.name}"`);
  }
}
