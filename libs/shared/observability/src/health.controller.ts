import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthRegistry } from './health.registry';
import { OperationalEndpoint } from './operational-endpoint.decorator';

/** How long one readiness check may take before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessAnswer {
  status: 'ok' | 'unavailable';
  checks: Record<string, string>;
}

@ApiExcludeController()
@OperationalEndpoint()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthRegistry,
  ) {}

  /** The process runs and its event loop answers. */
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers (database, NATS): the app can take traffic; 503 when a check is down. */
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessAnswer> {
    try {
      const result = await this.health.check(this.registry.indicatorsFor(CHECK_TIMEOUT_MS));
      return { status: 'ok', checks: statesOf(result) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return { status: 'unavailable', checks: statesOf(error.getResponse() as HealthCheckResult) };
    }
  }
}

/** `{ database: 'up', nats: 'down' }`: a check's state only, never its error message. */
function statesOf(result: HealthCheckResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.details).map(([name, { status }]) => [name, status]));
}
