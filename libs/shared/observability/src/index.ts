export * from './health.registry';
export * from './http-observability';
export * from './logger';
export * from './metrics';
export * from './observability.module';
export * from './public.decorator';
export * from './redact';
