import { createDataSourceOptions } from './data-source-options';
import { DeadLetter } from './entities/dead-letter.entity';
import { InboxEntry } from './entities/inbox-entry.entity';
import { OutboxEvent } from './entities/outbox-event.entity';
import { MESSAGING_MIGRATIONS } from './messaging-tables';

class Thing {}

describe(createDataSourceOptions.name, () => {
  it('adds the messaging entities and never synchronizes or runs migrations by itself', () => {
    const options = createDataSourceOptions({
      url: 'postgres://x@h/db',
      entities: [Thing],
      migrations: MESSAGING_MIGRATIONS,
    });
    expect(options).toMatchObject({
      type: 'postgres',
      url: 'postgres://x@h/db',
      synchronize: false,
      migrationsRun: false,
    });
    expect(options.entities).toEqual([Thing, DeadLetter, InboxEntry, OutboxEvent]);
    expect(options.migrations).toEqual(MESSAGING_MIGRATIONS);
  });

  it('does not list a messaging entity twice when the service already passes it', () => {
    const options = createDataSourceOptions({
      url: 'postgres://x@h/db',
      entities: [OutboxEvent],
      migrations: [],
    });
    expect(options.entities).toEqual([OutboxEvent, DeadLetter, InboxEntry]);
  });
});
