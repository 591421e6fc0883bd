import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, DeathView, POPULATION_DEATHS_REGISTER, RegisterDeathDto } from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';

@ApiTags('life-events')
@ApiBearerAuth('bearer')
@Controller('v1/deaths')
export class DeathsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Roles(...ACCESS.registerLifeEvents)
  @ApiOperation({
    operationId: 'registerDeath',
    summary: 'Register a death',
    description:
      'The person’s status becomes MATI and they leave their family card (the membership stays in its history). ' +
      'When the head dies the card needs a new head (`needsNewHead`, `familyNeedsNewHead`); when the last ' +
      'member dies the card is closed. The death certificate is numbered `<district>-KM-<DDMMYYYY>-<serial>`. ' +
      'A missing person (HILANG) may be declared dead.',
  })
  @ApiCreatedResponse({ type: DeathView, description: 'The registered death' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND: no such resident, or outside your jurisdiction',
    409: 'DEATH_ALREADY_REGISTERED: a death is already registered for this person',
    422: 'DEATH_BEFORE_BIRTH, RESIDENT_MOVED_OUT (register it where they live now) or RESIDENT_DEACTIVATED',
  })
  register(@CurrentActor() actor: Actor, @Body() death: RegisterDeathDto): Promise<DeathView> {
    return this.rpc.send(POPULATION_DEATHS_REGISTER, { actor, death });
  }
}
