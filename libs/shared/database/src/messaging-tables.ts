import { CreateMessagingTables1796007342981 } from './migrations/1796007342981-create-messaging-tables';
import { IndexMessagingRetention1796007342982 } from './migrations/1796007342982-index-messaging-retention';

/**
 * The outbox, inbox and dead-letter tables every service has. The messaging lib reads and writes
 * them with SQL of its own, so they have a migration and no TypeORM entities.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MESSAGING_MIGRATIONS: Function[] = [
  CreateMessagingTables1796007342981,
  IndexMessagingRetention1796007342982,
];
