import { type DynamicModule, Module } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RPC_CLIENT_OPTIONS, RPC_CLIENT_PROXY, RpcClient, type RpcClientOptions } from './rpc-client';

/** Provides RpcClient (gateway side of request/reply) over one NATS connection. */
@Module({})
export class RpcClientModule {
  static register(options: RpcClientOptions): DynamicModule {
    return {
      module: RpcClientModule,
      global: true,
      providers: [
        RpcClient,
        { provide: RPC_CLIENT_OPTIONS, useValue: options },
        {
          provide: RPC_CLIENT_PROXY,
          useFactory: () =>
            ClientProxyFactory.create({
              transport: Transport.NATS,
              options: { servers: options.servers.split(','), name: options.name, maxReconnectAttempts: -1 },
            }),
        },
      ],
      exports: [RpcClient],
    };
  }
}
