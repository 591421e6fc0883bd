import { Controller } from '@nestjs/common';
import { uuidPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DraftLetterDto,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_GET,
  POPULATION_LETTERS_PDF,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SEARCH,
  POPULATION_LETTERS_SIGN,
  POPULATION_LETTERS_VERIFY,
  RevokeLetterDto,
  type RpcResponse,
  SearchLettersDto,
  SignLetterDto,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { LettersService } from './letters.service';

const ID_PIPE = uuidPipe('id');

/** RPC handlers for letters; each request part is validated on its own. */
@Controller()
export class LettersController {
  constructor(private readonly letters: LettersService) {}

  @MessagePattern(POPULATION_LETTERS_DRAFT)
  draft(
    @Payload('actor') actor: ActorDto,
    @Payload('letter') letter: DraftLetterDto,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_DRAFT>> {
    return this.letters.draft(actor, letter);
  }

  @MessagePattern(POPULATION_LETTERS_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_GET>> {
    return this.letters.get(actor, id);
  }

  @MessagePattern(POPULATION_LETTERS_SEARCH)
  search(
    @Payload('actor') actor: ActorDto,
    @Payload('query') query: SearchLettersDto,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_SEARCH>> {
    return this.letters.search(actor, query);
  }

  @MessagePattern(POPULATION_LETTERS_SIGN)
  sign(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
    @Payload('signing') signing: SignLetterDto,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_SIGN>> {
    return this.letters.sign(actor, id, signing);
  }

  @MessagePattern(POPULATION_LETTERS_REVOKE)
  revoke(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
    @Payload('revocation') revocation: RevokeLetterDto,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_REVOKE>> {
    return this.letters.revoke(actor, id, revocation);
  }

  @MessagePattern(POPULATION_LETTERS_PDF)
  pdf(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_PDF>> {
    return this.letters.pdf(actor, id);
  }

  /** Public: the gateway calls it without an actor. A code that is not a string is simply unknown. */
  @MessagePattern(POPULATION_LETTERS_VERIFY)
  verify(
    @Payload('code') code: unknown,
    @Payload('requestId') requestId: unknown,
  ): Promise<RpcResponse<typeof POPULATION_LETTERS_VERIFY>> {
    return this.letters.verify(
      typeof code === 'string' ? code : '',
      typeof requestId === 'string' && /^[\x20-\x7e]{1,200}$/.test(requestId) ? requestId : undefined,
    );
  }
}
