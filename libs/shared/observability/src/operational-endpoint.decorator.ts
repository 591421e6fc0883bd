import { SetMetadata } from '@nestjs/common';

/** Metadata key of the platform's operational endpoints: liveness, readiness and metrics. */
export const OPERATIONAL_ENDPOINT = 'terpadu:operational-endpoint';

/**
 * Marks a controller that serves the platform's operators and orchestrators (probes, metrics) and
 * answers nothing about persons. It says what the endpoint is, not who may call it: that is the
 * app's auth to decide (the gateway's AuthGuard lets these through without a token).
 */
export const OperationalEndpoint = (): ClassDecorator => SetMetadata(OPERATIONAL_ENDPOINT, true);
