import { Controller, Get, Injectable, Logger, Module, type OnModuleInit, Param } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import { fastifyAdapterOptions } from './http-observability';
import { HealthRegistry } from './health.registry';
import { createLogger, PinoNestLogger } from './logger';
import { APP_LOGGER, ObservabilityModule } from './observability.module';

let dependencyUp: boolean | 'never answers' = true;

@Injectable()
class FakeDependency implements OnModuleInit {
  constructor(private readonly health: HealthRegistry) {}
  onModuleInit(): void {
    this.health.register('dependency', () =>
      dependencyUp === 'never answers'
        ? new Promise<boolean>(() => undefined)
        : Promise.resolve(dependencyUp),
    );
    this.health.register('cache', async () => undefined);
  }
}

@Controller('v1/residents')
class ResidentsController {
  private readonly logger = new Logger('ResidentsController');

  @Get(':nik')
  get(@Param('nik') nik: string): { ok: boolean } {
    this.logger.warn({ nik }, 'resident looked up');
    return { ok: true };
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ service: 'spec' })],
  controllers: [ResidentsController],
  providers: [FakeDependency],
})
class SpecModule {}

describe(ObservabilityModule.name, () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({ imports: [SpecModule] })
      .overrideProvider(APP_LOGGER)
      .useValue(createLogger('spec', 'info', sink))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter(fastifyAdapterOptions()),
      { bufferLogs: true },
    );
    app.useLogger(app.get(PinoNestLogger));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('answers live and ready, and 503 naming the failing check', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    expect((await fastify.inject({ url: '/health/live' })).statusCode).toBe(200);
    dependencyUp = true;
    const up = await fastify.inject({ url: '/health/ready' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: 'ok', checks: { dependency: 'up', cache: 'up' } });
    expect(up.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    dependencyUp = false;
    const down = await fastify.inject({ url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', checks: { dependency: 'down', cache: 'up' } });
  });

  it('counts a check that does not answer within 2 s as down', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    dependencyUp = 'never answers';
    const startedAt = performance.now();
    const res = await fastify.inject({ url: '/health/ready' });
    expect(performance.now() - startedAt).toBeLessThan(4000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { dependency: 'down', cache: 'up' } });
    dependencyUp = true;
  });

  it('echoes a sane request id, logs the request without the NIK, and counts it by route template', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    const res = await fastify.inject({
      url: '/v1/residents/3171011708450001?x=1',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(res.headers['x-request-id']).toBe('req-42');
    const log = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.reqId === 'req-42' && l.msg === 'request completed');
    expect(log).toMatchObject({
      url: '/v1/residents/:redacted',
      route: '/v1/residents/:nik',
      statusCode: 200,
    });
    expect(lines.join('')).not.toContain('3171011708450001');
    const metrics = await fastify.inject({ url: '/metrics' });
    expect(metrics.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/v1/residents/:nik",status="200"} 1',
    );
    expect(metrics.body).not.toContain('3171011708450001');
  });

  it("puts the request's id and trace id, and the service, on Nest logger lines written while it is handled", async () => {
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.inject({
      url: '/v1/residents/3171011708450001',
      headers: {
        'x-request-id': 'req-43',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.find((l) => l.msg === 'resident looked up' && l.reqId === 'req-43')).toMatchObject({
      level: 'warn',
      service: 'spec',
      context: 'ResidentsController',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      nik: '[redacted]',
      req: { method: 'GET', url: '/v1/residents/:redacted' },
    });
    expect(lines.join('')).not.toContain('3171011708450001');
  });
});
