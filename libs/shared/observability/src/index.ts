export * from './health.registry';
export * from './graceful-stop';
export * from './http-observability';
export * from './logger';
export * from './metrics';
export * from './observability.module';
export * from './operational-endpoint.decorator';
export * from './redact';
