export * from './population-producer';
export * from './service-app';
