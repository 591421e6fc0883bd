import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the pruner of @terpadu/messaging deletes by: sent outbox rows by `sent_at`, inbox rows by
 * `handled_at`, replayed dead letters by `replayed_at` (unsent rows and open dead letters are never
 * pruned, so the partial indexes leave them out).
 */
export class IndexMessagingRetention1796007342982 implements MigrationInterface {
  name = 'IndexMessagingRetention1796007342982';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`CREATE INDEX inbox_handled_at_idx ON inbox (handled_at)`);
    await q.query(
      `CREATE INDEX dead_letters_replayed_at_idx ON dead_letters (replayed_at) WHERE replayed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dead_letters_replayed_at_idx`);
    await q.query(`DROP INDEX inbox_handled_at_idx`);
    await q.query(`DROP INDEX outbox_sent_at_idx`);
  }
}
