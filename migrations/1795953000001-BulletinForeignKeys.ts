import type { MigrationInterface, QueryRunner } from 'typeorm';
import { orphanProofSql, type ReferenceKey } from './1795909267762-ForeignKeys';

/**
 * The bulletins table came after migration ForeignKeys and trusted the application for its two
 * references. Same pattern as there, in this migration's one transaction: each key is added
 * `NOT VALID` (instant, and it locks out writers), the orphan proof raises, listing each column and
 * count, if any stored bulletin names a council or a person that does not exist (nothing is
 * deleted: repair, then migrate again), then each key is validated. `ON DELETE RESTRICT`, as
 * everywhere: a council or a person with bulletins cannot be deleted.
 */
export const BULLETIN_KEYS: ReferenceKey[] = [
  { name: 'fk_bulletins_council_id', table: 'bulletins', column: 'council_id', references: 'councils' },
  { name: 'fk_bulletins_created_by_id', table: 'bulletins', column: 'created_by_id', references: 'people' },
];

export class BulletinForeignKeys1795953000001 implements MigrationInterface {
  name = 'BulletinForeignKeys1795953000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const k of BULLETIN_KEYS)
      await queryRunner.query(
        `ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" FOREIGN KEY ("${k.column}") REFERENCES "${k.references}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION NOT VALID`,
      );
    await queryRunner.query(orphanProofSql(BULLETIN_KEYS));
    for (const k of BULLETIN_KEYS) await queryRunner.query(`ALTER TABLE "${k.table}" VALIDATE CONSTRAINT "${k.name}"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const k of [...BULLETIN_KEYS].reverse()) await queryRunner.query(`ALTER TABLE "${k.table}" DROP CONSTRAINT "${k.name}"`);
  }
}
