import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MoveInDto,
  MoveOutDto,
  POPULATION_MOVES_IN,
  POPULATION_MOVES_OUT,
  type RpcResponse,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { MovesService } from './moves.service';

@Controller()
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  @MessagePattern(POPULATION_MOVES_OUT)
  moveOut(
    @Payload('actor') actor: ActorDto,
    @Payload('move') move: MoveOutDto,
  ): Promise<RpcResponse<typeof POPULATION_MOVES_OUT>> {
    return this.moves.moveOut(actor, move);
  }

  @MessagePattern(POPULATION_MOVES_IN)
  moveIn(
    @Payload('actor') actor: ActorDto,
    @Payload('move') move: MoveInDto,
  ): Promise<RpcResponse<typeof POPULATION_MOVES_IN>> {
    return this.moves.moveIn(actor, move);
  }
}
