import { ApiProperty } from '@nestjs/swagger';
import type { ActorRequest } from '../common/actor';

/**
 * Every service that consumes events answers these two subjects for its own dead letters:
 * `rpc.<service>.dead-letters.list` and `rpc.<service>.dead-letters.replay`.
 */
export const deadLettersListSubject = (service: string) => `rpc.${service}.dead-letters.list` as const;
export const deadLettersReplaySubject = (service: string) => `rpc.${service}.dead-letters.replay` as const;

export class DeadLetterView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'Service that parked it', example: 'health' })
  service: string;
  @ApiProperty({
    description: 'Durable consumer (handler) that failed',
    example: 'health.resident-registered',
  })
  consumer: string;
  @ApiProperty({ format: 'uuid' })
  eventId: string;
  @ApiProperty({ example: 'evt.population.resident.registered.v1' })
  eventType: string;
  @ApiProperty({ description: 'How many deliveries failed' })
  attempts: number;
  @ApiProperty({ description: 'The last error message' })
  error: string;
  @ApiProperty({ format: 'date-time' })
  parkedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  replayedAt: string | null;
}

export class DeadLetterPageView {
  @ApiProperty({ type: [DeadLetterView] })
  items: DeadLetterView[];
  @ApiProperty({
    type: [String],
    description: 'Services that did not answer; their dead letters are missing from items',
  })
  unavailable: string[];
}

export interface DeadLettersRpc {
  list: { request: ActorRequest & { includeReplayed: boolean }; response: { items: DeadLetterView[] } };
  replay: { request: ActorRequest & { id: string }; response: DeadLetterView };
}
