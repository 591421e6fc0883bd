import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, BirthView, POPULATION_BIRTHS_REGISTER, RegisterBirthDto } from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';

@ApiTags('life-events')
@ApiBearerAuth('bearer')
@Controller('v1/births')
export class BirthsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Roles(...ACCESS.registerLifeEvents)
  @ApiOperation({
    operationId: 'registerBirth',
    summary: 'Register a birth and issue the child’s NIK',
    description:
      'Issues the child’s NIK (the office’s `districtCode`, the birth date as DDMMYY with 40 added to a girl’s ' +
      'day, the next free serial of that prefix), registers the child (status HIDUP, at the family card’s ' +
      'address), adds the child to the card (ANAK, or CUCU when a parent is the head’s child or child-in-law) ' +
      'and numbers the birth certificate `<district>-LU-<DDMMYYYY>-<serial>`. The card must hold a parent: the ' +
      'mother or father is a current member, or a deceased parent’s last card was this one. A mother who died ' +
      'on or after the birth date, and a father who died up to 300 days before it, are accepted. Records that ' +
      'may be the same child come back in `possibleDuplicates` and wait in the duplicate review queue.',
  })
  @ApiCreatedResponse({ type: BirthView, description: 'The registered birth with the child' })
  @ApiProblemResponses({
    403: 'FORBIDDEN: your roles do not allow this, or the registering district is outside your jurisdiction',
    404: 'RESIDENT_NOT_FOUND (a parent) or FAMILY_CARD_NOT_FOUND, also outside your jurisdiction',
    422:
      'INVALID_PARENT (sex, age), PARENT_NOT_IN_FAMILY_CARD, FAMILY_CARD_CLOSED, RESIDENT_DECEASED (a parent ' +
      'who died before the birth), RESIDENT_MOVED_OUT (the mother), RESIDENT_DEACTIVATED',
    503: 'SERVICE_UNAVAILABLE: the service is not available, or no NIK serial is left for this prefix',
  })
  register(@CurrentActor() actor: Actor, @Body() birth: RegisterBirthDto): Promise<BirthView> {
    return this.rpc.send(POPULATION_BIRTHS_REGISTER, { actor, birth });
  }
}
