import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  type DeadLettersRpc,
  DEAD_LETTER_OPERATORS,
  type DeadLetterView,
  deadLettersListSubject,
  deadLettersReplaySubject,
  ErrorCode,
  hasAnyRole,
} from '@terpadu/contracts';
import { DomainException } from '../errors/domain.exception';
import { DeadLettersService } from './dead-letters.service';

type ListRequest = DeadLettersRpc['list']['request'];
type ReplayRequest = DeadLettersRpc['replay']['request'];

function requireAdmin(request: { actor?: { roles?: unknown } } | undefined): void {
  const roles = request?.actor?.roles;
  if (!Array.isArray(roles) || !hasAnyRole({ roles: roles.map(String) }, DEAD_LETTER_OPERATORS)) {
    throw new DomainException(ErrorCode.FORBIDDEN, 'Dead letters are for administrators');
  }
}

/**
 * The dead-letter RPC handlers of one service. Their subjects contain the service name, so the
 * controller class is made per service (decorators take the subject when the class is defined).
 * They are served by the service's NATS microservice, with its RpcErrorFilter and queue group.
 */
export function createDeadLettersController(service: string): Type<unknown> {
  @Controller()
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLettersService) {}

    @MessagePattern(deadLettersListSubject(service))
    async list(@Payload() request: ListRequest): Promise<DeadLettersRpc['list']['response']> {
      requireAdmin(request);
      return { items: await this.deadLetters.list(request.includeReplayed === true) };
    }

    @MessagePattern(deadLettersReplaySubject(service))
    replay(@Payload() request: ReplayRequest): Promise<DeadLetterView> {
      requireAdmin(request);
      if (typeof request.id !== 'string') {
        throw new DomainException(ErrorCode.VALIDATION_FAILED, 'id is required', [
          { field: 'id', code: 'isUuid', message: 'id must be a UUID' },
        ]);
      }
      return this.deadLetters.replay(request.id);
    }
  }
  return DeadLettersController;
}
