import { Controller, type INestApplicationContext, type INestMicroservice } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { Matches, ValidateNested } from 'class-validator';
import { createValidationPipe, ErrorCode } from '@terpadu/contracts';
import { startNats, type TestNats } from '@terpadu/testing';
import { DomainException, RpcClient, RpcClientModule, RpcErrorFilter, ServiceCallError } from '../src';

class AddressDto {
  @Matches(/^\d{10}$/)
  villageCode: string;
}

class EchoDto {
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

@Controller()
class TestController {
  @MessagePattern('rpc.test.echo')
  echo(@Payload() dto: EchoDto): { villageCode: string } {
    return { villageCode: dto.address.villageCode };
  }

  @MessagePattern('rpc.test.conflict')
  conflict(): never {
    throw new DomainException(ErrorCode.NIK_ALREADY_REGISTERED, 'This NIK is already registered');
  }

  @MessagePattern('rpc.test.crash')
  crash(): never {
    throw new TypeError('cannot read properties of undefined');
  }

  @MessagePattern('rpc.test.slow')
  async slow(): Promise<string> {
    await new Promise((r) => setTimeout(r, 1500));
    return 'late';
  }

  @MessagePattern('rpc.test.void')
  async nothing(): Promise<void> {}
}

const callError = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ServiceCallError);
      return (e as ServiceCallError).body;
    },
  );

describe(RpcClient.name, () => {
  let nats: TestNats;
  let service: INestMicroservice;
  let gateway: INestApplicationContext;
  let rpc: RpcClient;

  beforeAll(async () => {
    nats = await startNats();
    const serviceRef = await Test.createTestingModule({ controllers: [TestController] }).compile();
    service = serviceRef.createNestMicroservice({
      transport: Transport.NATS,
      options: { servers: [nats.url], queue: 'test' },
    });
    service.useGlobalFilters(new RpcErrorFilter());
    service.useGlobalPipes(createValidationPipe());
    await service.listen();
    gateway = await Test.createTestingModule({
      imports: [
        RpcClientModule.register({ servers: nats.url, name: 'test-gateway', defaultTimeoutMs: 3000 }),
      ],
    }).compile();
    await gateway.init();
    rpc = gateway.get(RpcClient);
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
    await nats?.destroy();
  });

  it('returns the answer', async () => {
    await expect(
      rpc.sendUntyped('rpc.test.echo', { address: { villageCode: '3171010001' } }),
    ).resolves.toEqual({
      villageCode: '3171010001',
    });
    await expect(rpc.sendUntyped('rpc.test.void', {})).resolves.toBeUndefined();
  });

  it("passes the service's typed error through unchanged", async () => {
    await expect(callError(rpc.sendUntyped('rpc.test.conflict', {}))).resolves.toEqual({
      code: ErrorCode.NIK_ALREADY_REGISTERED,
      status: 409,
      detail: 'This NIK is already registered',
    });
  });

  it('answers invalid payloads with VALIDATION_FAILED and field paths', async () => {
    await expect(
      callError(rpc.sendUntyped('rpc.test.echo', { address: { villageCode: 'x' }, extra: true })),
    ).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      status: 400,
      errors: expect.arrayContaining([
        expect.objectContaining({ field: 'address.villageCode', code: 'matches' }),
        expect.objectContaining({ field: 'extra', code: 'whitelistValidation' }),
      ]),
    });
  });

  it('hides an unexpected failure behind INTERNAL_ERROR 500', async () => {
    await expect(callError(rpc.sendUntyped('rpc.test.crash', {}))).resolves.toEqual({
      code: ErrorCode.INTERNAL_ERROR,
      status: 500,
      detail: 'The service failed to process the request',
    });
  });

  it('gives up at the deadline with UPSTREAM_TIMEOUT 504', async () => {
    const started = Date.now();
    await expect(callError(rpc.sendUntyped('rpc.test.slow', {}, { timeoutMs: 200 }))).resolves.toMatchObject({
      code: ErrorCode.UPSTREAM_TIMEOUT,
      status: 504,
    });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('answers SERVICE_UNAVAILABLE 503 when nobody serves the subject', async () => {
    await expect(callError(rpc.sendUntyped('rpc.nobody.here', {}))).resolves.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      status: 503,
    });
  });

  it('answers SERVICE_UNAVAILABLE 503 quickly while NATS is down, and works again after', async () => {
    await nats.stop();
    try {
      const noticed = Date.now() + 5000;
      while (rpc.isConnected() && Date.now() < noticed) await new Promise((r) => setTimeout(r, 20));
      expect(rpc.isConnected()).toBe(false);
      const started = Date.now();
      await expect(
        callError(rpc.sendUntyped('rpc.test.void', {}, { timeoutMs: 2000 })),
      ).resolves.toMatchObject({
        code: ErrorCode.SERVICE_UNAVAILABLE,
        status: 503,
      });
      expect(Date.now() - started).toBeLessThan(1900);
    } finally {
      await nats.start();
    }
    const deadline = Date.now() + 20_000;
    let answer: unknown;
    while (Date.now() < deadline && answer === undefined) {
      answer = await rpc
        .sendUntyped('rpc.test.echo', { address: { villageCode: '3171010001' } })
        .catch(() => undefined);
      if (answer === undefined) await new Promise((r) => setTimeout(r, 200));
    }
    expect(answer).toEqual({ villageCode: '3171010001' });
  });
});
