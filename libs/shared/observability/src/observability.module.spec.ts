import { Controller, Get, Injectable, Module, type OnModuleInit, Param } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import pino from 'pino';
import { fastifyAdapterOptions } from './http-observability';
import { HealthRegistry } from './health.registry';
import { APP_LOGGER, ObservabilityModule } from './observability.module';

let dependencyUp = true;

@Injectable()
class FakeDependency implements OnModuleInit {
  constructor(private readonly health: HealthRegistry) {}
  onModuleInit(): void {
    this.health.register('dependency', async () => dependencyUp);
  }
}

@Controller('v1/residents')
class ResidentsController {
  @Get(':nik')
  get(@Param('nik') _nik: string): { ok: boolean } {
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
      .useValue(pino({ base: { service: 'spec' } }, sink))
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter(fastifyAdapterOptions()),
    );
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
    expect(up.json()).toEqual({ status: 'ok', checks: { dependency: 'up' } });
    dependencyUp = false;
    const down = await fastify.inject({ url: '/health/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', checks: { dependency: 'down' } });
  });

  it('echoes a sane request id, logs the request without the NIK, and counts it by route template', async () => {
    const fastify = app.getHttpAdapter().getInstance();
    const res = await fastify.inject({
      url: '/v1/residents/3171011708450001?x=1',
      headers: { 'x-request-id': 'req-42' },
    });
    expect(res.headers['x-request-id']).toBe('req-42');
    const log = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.reqId === 'req-42');
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
});
