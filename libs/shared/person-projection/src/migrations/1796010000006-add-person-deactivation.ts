import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person record population deactivated as a duplicate of another: the service merges what it holds
 * into the other record and stops answering for this one.
 */
export class AddPersonDeactivation1796010000006 implements MigrationInterface {
  name = 'AddPersonDeactivation1796010000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE persons
        ADD COLUMN deactivated_at timestamptz NULL,
        ADD COLUMN duplicate_of_resident_id uuid NULL,
        ADD CONSTRAINT persons_deactivation_ck CHECK ((deactivated_at IS NULL) = (duplicate_of_resident_id IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE persons DROP CONSTRAINT persons_deactivation_ck,
        DROP COLUMN duplicate_of_resident_id, DROP COLUMN deactivated_at`);
  }
}
