import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { POPULATION_DEATHS_REGISTER, RegisterDeathDto, type RpcResponse } from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { DeathsService } from './deaths.service';

@Controller()
export class DeathsController {
  constructor(private readonly deaths: DeathsService) {}

  @MessagePattern(POPULATION_DEATHS_REGISTER)
  register(
    @Payload('actor') actor: ActorDto,
    @Payload('death') death: RegisterDeathDto,
  ): Promise<RpcResponse<typeof POPULATION_DEATHS_REGISTER>> {
    return this.deaths.register(actor, death);
  }
}
