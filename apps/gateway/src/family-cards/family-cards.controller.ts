import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  AddFamilyMemberDto,
  ChangeFamilyHeadDto,
  CreateFamilyCardDto,
  FamilyCardView,
  POPULATION_FAMILY_CARDS_ADD_MEMBER,
  POPULATION_FAMILY_CARDS_CHANGE_HEAD,
  POPULATION_FAMILY_CARDS_CREATE,
  POPULATION_FAMILY_CARDS_GET,
  POPULATION_FAMILY_CARDS_REMOVE_MEMBER,
  POPULATION_FAMILY_CARDS_SPLIT,
  RemoveFamilyMemberDto,
  SplitFamilyCardDto,
  SplitFamilyCardView,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { FamilyCardMemberParamsDto, FamilyCardNumberParamDto } from './family-card-params.dto';

const CARD_NOT_FOUND =
  'FAMILY_CARD_NOT_FOUND or RESIDENT_NOT_FOUND: no such card or person, or outside your jurisdiction';

/**
 * Family cards (KK). A member leaves a card through `POST .../members/{nik}/removal` rather than a
 * DELETE with a body: the removal carries a mandatory reason that is kept in the membership history,
 * and bodies on DELETE are dropped by some proxies and HTTP clients.
 */
@ApiTags('family-cards')
@ApiBearerAuth('bearer')
@Controller('v1/family-cards')
export class FamilyCardsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Roles(...ACCESS.changeFamilyCards)
  @ApiOperation({
    operationId: 'createFamilyCard',
    summary: 'Open a family card with its head',
    description: 'Issues a KK number for the head (a registered, living resident without an active card).',
  })
  @ApiCreatedResponse({ type: FamilyCardView, description: 'The new family card' })
  @ApiProblemResponses({
    404: CARD_NOT_FOUND,
    409: 'ALREADY_IN_FAMILY_CARD: the head is already a member of a family card',
    422: 'RESIDENT_DECEASED, RESIDENT_MOVED_OUT, RESIDENT_NOT_ACTIVE (missing) or RESIDENT_DEACTIVATED',
    503: 'SERVICE_UNAVAILABLE: the service is not available, or no card number is left for today',
  })
  create(@CurrentActor() actor: Actor, @Body() card: CreateFamilyCardDto): Promise<FamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_CREATE, { actor, card });
  }

  @Get(':number')
  @Roles(...ACCESS.readFamilyCards)
  @ApiOperation({
    operationId: 'getFamilyCard',
    summary: 'Get a family card with its members',
    description: 'Current members (head first) and the membership history.',
  })
  @ApiOkResponse({ type: FamilyCardView, description: 'The family card' })
  @ApiProblemResponses({ 404: CARD_NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param() { number }: FamilyCardNumberParamDto): Promise<FamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_GET, { actor, number });
  }

  @Post(':number/members')
  @Roles(...ACCESS.changeFamilyCards)
  @ApiOperation({
    operationId: 'addFamilyMember',
    summary: 'Add a member to a family card',
    description:
      'The person must be a registered, living resident who is not an active member of another card.',
  })
  @ApiCreatedResponse({ type: FamilyCardView, description: 'The family card with the new member' })
  @ApiProblemResponses({
    404: CARD_NOT_FOUND,
    409: 'ALREADY_IN_FAMILY_CARD: the person is already a member of a family card',
    422:
      'INVALID_RELATIONSHIP, FAMILY_CARD_CLOSED, RESIDENT_DECEASED, RESIDENT_MOVED_OUT, RESIDENT_NOT_ACTIVE ' +
      '(missing) or RESIDENT_DEACTIVATED',
  })
  addMember(
    @CurrentActor() actor: Actor,
    @Param() { number }: FamilyCardNumberParamDto,
    @Body() member: AddFamilyMemberDto,
  ): Promise<FamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_ADD_MEMBER, { actor, number, member });
  }

  @Post(':number/members/:nik/removal')
  @HttpCode(200)
  @Roles(...ACCESS.changeFamilyCards)
  @ApiOperation({
    operationId: 'removeFamilyMember',
    summary: 'Remove a member from a family card',
    description:
      'Ends the membership with a reason (kept in the history). The head cannot leave while the card has other ' +
      'members. A POST of a removal, not a DELETE with a body: some proxies and clients drop DELETE bodies.',
  })
  @ApiOkResponse({ type: FamilyCardView, description: 'The family card without the member' })
  @ApiProblemResponses({
    404: 'FAMILY_CARD_NOT_FOUND or NOT_A_FAMILY_MEMBER (also outside your jurisdiction)',
    422: 'HEAD_CANNOT_LEAVE: the card needs a new head first',
  })
  removeMember(
    @CurrentActor() actor: Actor,
    @Param() { number, nik }: FamilyCardMemberParamsDto,
    @Body() removal: RemoveFamilyMemberDto,
  ): Promise<FamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_REMOVE_MEMBER, { actor, number, nik, removal });
  }

  @Post(':number/split')
  @Roles(...ACCESS.changeFamilyCards)
  @ApiOperation({
    operationId: 'splitFamilyCard',
    summary: 'Split members off into a new family card',
    description:
      'Pisah KK: the listed members (not the head) leave the card and form a new one, exactly one of them as ' +
      'its KEPALA_KELUARGA. The new card is issued today at `address` (the leaving members move there) or at ' +
      'the old card’s address. At least one member stays on the old card.',
  })
  @ApiCreatedResponse({ type: SplitFamilyCardView, description: 'The old card and the new one' })
  @ApiProblemResponses({
    403: 'FORBIDDEN: your roles do not allow this, or the new address is outside your jurisdiction',
    404: 'FAMILY_CARD_NOT_FOUND or NOT_A_FAMILY_MEMBER (also outside your jurisdiction)',
    422: 'INVALID_RELATIONSHIP (not exactly one new head), HEAD_CANNOT_LEAVE, INVALID_SPLIT (nobody would stay) or FAMILY_CARD_CLOSED',
  })
  split(
    @CurrentActor() actor: Actor,
    @Param() { number }: FamilyCardNumberParamDto,
    @Body() split: SplitFamilyCardDto,
  ): Promise<SplitFamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_SPLIT, { actor, number, split });
  }

  @Post(':number/head')
  @HttpCode(200)
  @Roles(...ACCESS.changeFamilyCards)
  @ApiOperation({
    operationId: 'changeFamilyHead',
    summary: 'Name a new head of a family card',
    description:
      'A current, living member becomes KEPALA_KELUARGA. The previous head, if the card still has one, stays with ' +
      '`previousHeadRelationship` (required then). A card that needed a new head (its head died or moved out) ' +
      'has one again. The other members keep their relationships; the history shows both memberships.',
  })
  @ApiOkResponse({ type: FamilyCardView, description: 'The card with its new head' })
  @ApiProblemResponses({
    404: 'FAMILY_CARD_NOT_FOUND or NOT_A_FAMILY_MEMBER (also outside your jurisdiction)',
    422: 'NOTHING_TO_CHANGE (already the head), INVALID_RELATIONSHIP or FAMILY_CARD_CLOSED',
  })
  changeHead(
    @CurrentActor() actor: Actor,
    @Param() { number }: FamilyCardNumberParamDto,
    @Body() change: ChangeFamilyHeadDto,
  ): Promise<FamilyCardView> {
    return this.rpc.send(POPULATION_FAMILY_CARDS_CHANGE_HEAD, { actor, number, change });
  }
}
