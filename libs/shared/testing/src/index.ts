export * from './apps';
export * from './demo-village';
export * from './nats';
export * from './ports';
export * from './postgres';
export * from './workspace';
