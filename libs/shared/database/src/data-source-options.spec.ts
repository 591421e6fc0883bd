import { createDataSourceOptions } from './data-source-options';
import { MESSAGING_MIGRATIONS } from './messaging-tables';

class Thing {}

describe(createDataSourceOptions.name, () => {
  it("takes the service's entities and migrations and never synchronizes or runs migrations by itself", () => {
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
    expect(options.entities).toEqual([Thing]);
    expect(options.migrations).toEqual(MESSAGING_MIGRATIONS);
  });
});
