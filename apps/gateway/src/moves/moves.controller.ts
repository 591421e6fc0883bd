import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  MoveInDto,
  MoveInView,
  MoveOutDto,
  MoveOutView,
  POPULATION_MOVES_IN,
  POPULATION_MOVES_OUT,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';

@ApiTags('life-events')
@ApiBearerAuth('bearer')
@Controller('v1/moves')
export class MovesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('out')
  @Roles(...ACCESS.registerLifeEvents)
  @ApiOperation({
    operationId: 'registerMoveOut',
    summary: 'Register a move out of the regency',
    description:
      'One person (`nik`) or a whole family (`familyCardNumber`) moves to `destinationRegionCode`. Each person’s ' +
      'status becomes PINDAH and they leave their card; a whole family closes its card, a head moving alone ' +
      'leaves a card that needs a new head.',
  })
  @ApiCreatedResponse({ type: MoveOutView, description: 'The registered move' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND or FAMILY_CARD_NOT_FOUND, also outside your jurisdiction',
    422: 'RESIDENT_DECEASED, RESIDENT_MOVED_OUT, RESIDENT_DEACTIVATED, DATE_BEFORE_BIRTH or FAMILY_CARD_CLOSED',
  })
  moveOut(@CurrentActor() actor: Actor, @Body() move: MoveOutDto): Promise<MoveOutView> {
    return this.rpc.send(POPULATION_MOVES_OUT, { actor, move });
  }

  @Post('in')
  @Roles(...ACCESS.registerLifeEvents)
  @ApiOperation({
    operationId: 'registerMoveIn',
    summary: 'Register people moving into the regency',
    description:
      'People with their NIKs join an existing card (`familyCardNumber`, none of them as head) or a new card ' +
      'issued at `address` (exactly one KEPALA_KELUARGA among them). Someone new to the registry comes with ' +
      '`person` (their personal data); a returning resident (moved out before) needs only the NIK and is ' +
      'living again at the card’s address. New records that may be duplicates come back in `possibleDuplicates`.',
  })
  @ApiCreatedResponse({ type: MoveInView, description: 'The registered move with the card' })
  @ApiProblemResponses({
    403: 'FORBIDDEN: your roles do not allow this, or the new card’s address is outside your jurisdiction',
    404: 'FAMILY_CARD_NOT_FOUND: no such card, or outside your jurisdiction',
    409: 'NIK_ALREADY_REGISTERED: a living resident of this registry has the NIK',
    422: 'INVALID_RELATIONSHIP, RESIDENT_DECEASED, RESIDENT_DEACTIVATED, DATE_BEFORE_BIRTH or FAMILY_CARD_CLOSED',
  })
  moveIn(@CurrentActor() actor: Actor, @Body() move: MoveInDto): Promise<MoveInView> {
    return this.rpc.send(POPULATION_MOVES_IN, { actor, move });
  }
}
