export * from './population-producer';
export * from './published-events';
export * from './service-app';
