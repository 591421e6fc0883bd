import { DeadLetter } from './entities/dead-letter.entity';
import { InboxEntry } from './entities/inbox-entry.entity';
import { OutboxEvent } from './entities/outbox-event.entity';
import { CreateMessagingTables1796007342981 } from './migrations/1796007342981-create-messaging-tables';
import { IndexMessagingRetention1796007342982 } from './migrations/1796007342982-index-messaging-retention';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MESSAGING_ENTITIES: Function[] = [DeadLetter, InboxEntry, OutboxEvent];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MESSAGING_MIGRATIONS: Function[] = [
  CreateMessagingTables1796007342981,
  IndexMessagingRetention1796007342982,
];
