export {
  createDataSourceOptions,
  type DataSourceFactoryOptions,
  type PostgresDataSourceOptions,
} from './data-source-options';
export { MESSAGING_MIGRATIONS } from './messaging-tables';
export { CreateMessagingTables1796007342981 } from './migrations/1796007342981-create-messaging-tables';
export { IndexMessagingRetention1796007342982 } from './migrations/1796007342982-index-messaging-retention';
export * from './migrator';
