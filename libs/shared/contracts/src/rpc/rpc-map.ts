/**
 * Request/reply subjects (core NATS, `rpc.` namespace) with their request and response types,
 * so that `RpcClient.send(subject, request)` checks both at compile time.
 */
import type { HealthRpcMap } from './health.rpc';
import type { PopulationRpcMap } from './population.rpc';
import type { PopulationImportsRpcMap } from './population-imports.rpc';
import type { PopulationLifeEventsRpcMap } from './population-life-events.rpc';
import type { PopulationLettersRpcMap } from './population-letters.rpc';
import type { PopulationRegionsRpcMap } from './population-regions.rpc';

export type RpcMap = PopulationRpcMap &
  PopulationImportsRpcMap &
  PopulationLifeEventsRpcMap &
  PopulationRegionsRpcMap &
  PopulationLettersRpcMap &
  HealthRpcMap;
export type RpcSubject = keyof RpcMap;
export type RpcRequest<S extends RpcSubject> = RpcMap[S]['request'];
export type RpcResponse<S extends RpcSubject> = RpcMap[S]['response'];
