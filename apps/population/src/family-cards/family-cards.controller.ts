import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddFamilyMemberDto,
  ChangeFamilyHeadDto,
  CreateFamilyCardDto,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CHANGE_HEAD,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
  POPULATION_FAMILY_CARDS_SPLIT,
  RemoveFamilyMemberDto,
  type RpcResponse,
  SplitFamilyCardDto,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { FamilyCardNumberPipe } from '../common/family-card-number.pipe';
import { FamilyCardChangesService } from './family-card-changes.service';
import { FamilyCardsService } from './family-cards.service';

/** RPC handlers for family cards (KK); each request part is validated on its own. */
@Controller()
export class FamilyCardsController {
  constructor(
    private readonly changes: FamilyCardChangesService,
    private readonly familyCards: FamilyCardsService,
  ) {}

  @MessagePattern(POPULATION_FAMILY_CARDS_CREATE)
  create(
    @Payload('actor') actor: ActorDto,
    @Payload('card') card: CreateFamilyCardDto,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_CREATE>> {
    return this.familyCards.create(actor, card);
  }

  @MessagePattern(POPULATION_FAMILY_CARDS_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('number', FamilyCardNumberPipe) number: string,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_GET>> {
    return this.familyCards.get(actor, number);
  }

  @MessagePattern(POPULATION_FAMILY_CARDS_ADD_MEMBER)
  addMember(
    @Payload('actor') actor: ActorDto,
    @Payload('number', FamilyCardNumberPipe) number: string,
    @Payload('member') member: AddFamilyMemberDto,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_ADD_MEMBER>> {
    return this.familyCards.addMember(actor, number, member);
  }

  @MessagePattern(POPULATION_FAMILY_CARDS_REMOVE_MEMBER)
  removeMember(
    @Payload('actor') actor: ActorDto,
    @Payload('number', FamilyCardNumberPipe) number: string,
    @Payload('nik', NikPipe) nik: string,
    @Payload('removal') removal: RemoveFamilyMemberDto,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_REMOVE_MEMBER>> {
    return this.familyCards.removeMember(actor, number, nik, removal);
  }

  @MessagePattern(POPULATION_FAMILY_CARDS_SPLIT)
  split(
    @Payload('actor') actor: ActorDto,
    @Payload('number', FamilyCardNumberPipe) number: string,
    @Payload('split') split: SplitFamilyCardDto,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_SPLIT>> {
    return this.changes.split(actor, number, split);
  }

  @MessagePattern(POPULATION_FAMILY_CARDS_CHANGE_HEAD)
  changeHead(
    @Payload('actor') actor: ActorDto,
    @Payload('number', FamilyCardNumberPipe) number: string,
    @Payload('change') change: ChangeFamilyHeadDto,
  ): Promise<RpcResponse<typeof POPULATION_FAMILY_CARDS_CHANGE_HEAD>> {
    return this.changes.changeHead(actor, number, change);
  }
}
