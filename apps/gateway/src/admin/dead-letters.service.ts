import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type DeadLetterPageView,
  type DeadLettersRpc,
  type DeadLetterView,
  deadLettersListSubject,
  deadLettersReplaySubject,
  ErrorCode,
  serviceErrorBody,
} from '@terpadu/contracts';
import { RpcClient, ServiceCallError } from '@terpadu/messaging';
import { Env } from '../config/env';

type ListResponse = DeadLettersRpc['list']['response'];

/**
 * Dead letters live in each consuming service. Listing asks every service in DEAD_LETTER_SERVICES
 * in parallel, each call with its own deadline; a service that does not answer is named in
 * `unavailable` and the others' letters still come back.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly env: Env,
    private readonly rpc: RpcClient,
  ) {}

  async list(actor: Actor, includeReplayed: boolean): Promise<DeadLetterPageView> {
    const services = this.env.DEAD_LETTER_SERVICES;
    const answers = await Promise.allSettled(
      services.map((service) =>
        this.rpc.sendUntyped<ListResponse>(deadLettersListSubject(service), { actor, includeReplayed }),
      ),
    );
    const items: DeadLetterView[] = [];
    const unavailable: string[] = [];
    answers.forEach((answer, index) => {
      if (answer.status === 'fulfilled' && Array.isArray(answer.value?.items))
        items.push(...answer.value.items);
      else unavailable.push(services[index]);
    });
    items.sort((a, b) =>
      a.parkedAt < b.parkedAt ? 1 : a.parkedAt > b.parkedAt ? -1 : a.id.localeCompare(b.id),
    );
    return { items, unavailable };
  }

  /**
   * Asks every service to replay the letter; ids are UUIDs, so at most one has it. Its answer (the
   * replayed letter, or its error such as DEAD_LETTER_ALREADY_REPLAYED) is the answer. When nobody
   * has it: 404 if every service answered, else 503, since an unavailable service may hold it.
   */
  async replay(actor: Actor, id: string): Promise<DeadLetterView> {
    const services = this.env.DEAD_LETTER_SERVICES;
    const answers = await Promise.allSettled(
      services.map((service) =>
        this.rpc.sendUntyped<DeadLetterView>(deadLettersReplaySubject(service), { actor, id }),
      ),
    );
    const replayed = answers.find((answer) => answer.status === 'fulfilled');
    if (replayed) return replayed.value;

    const failures = answers.map((answer) => (answer as PromiseRejectedResult).reason as unknown);
    const owner = failures.find(
      (error): error is ServiceCallError =>
        error instanceof ServiceCallError &&
        error.body.status < 500 &&
        error.body.code !== ErrorCode.DEAD_LETTER_NOT_FOUND,
    );
    if (owner) throw owner;
    const silent = services.filter((_, index) => !isNotFound(failures[index]));
    if (silent.length === 0) {
      throw new ServiceCallError(
        serviceErrorBody(ErrorCode.DEAD_LETTER_NOT_FOUND, 'No service holds this dead letter'),
        'dead-letters.replay',
      );
    }
    throw new ServiceCallError(
      serviceErrorBody(
        ErrorCode.SERVICE_UNAVAILABLE,
        `The dead letter was not found in the services that answered; not answering: ${silent.join(', ')}`,
      ),
      'dead-letters.replay',
    );
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof ServiceCallError && error.body.code === ErrorCode.DEAD_LETTER_NOT_FOUND;
}
