import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { POPULATION_BIRTHS_REGISTER, RegisterBirthDto, type RpcResponse } from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { BirthsService } from './births.service';

@Controller()
export class BirthsController {
  constructor(private readonly births: BirthsService) {}

  @MessagePattern(POPULATION_BIRTHS_REGISTER)
  register(
    @Payload('actor') actor: ActorDto,
    @Payload('birth') birth: RegisterBirthDto,
  ): Promise<RpcResponse<typeof POPULATION_BIRTHS_REGISTER>> {
    return this.births.register(actor, birth);
  }
}
