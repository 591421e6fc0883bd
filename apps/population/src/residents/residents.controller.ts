import { Controller } from '@nestjs/common';
import { NikPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  POPULATION_RESIDENTS_GET,
  POPULATION_RESIDENTS_HISTORY,
  POPULATION_RESIDENTS_REGISTER,
  POPULATION_RESIDENTS_SEARCH,
  POPULATION_RESIDENTS_UPDATE,
  RegisterResidentDto,
  type RpcResponse,
  SearchResidentsDto,
  UpdateResidentDto,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { ResidentsService } from './residents.service';

/**
 * RPC handlers for residents. Each part of a request is validated on its own, so field errors name
 * the field as the client sent it (`nik`, `address.villageCode`), not the envelope (`resident.nik`).
 */
@Controller()
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @MessagePattern(POPULATION_RESIDENTS_REGISTER)
  register(
    @Payload('actor') actor: ActorDto,
    @Payload('resident') resident: RegisterResidentDto,
  ): Promise<RpcResponse<typeof POPULATION_RESIDENTS_REGISTER>> {
    return this.residents.register(actor, resident);
  }

  @MessagePattern(POPULATION_RESIDENTS_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof POPULATION_RESIDENTS_GET>> {
    return this.residents.get(actor, nik);
  }

  @MessagePattern(POPULATION_RESIDENTS_SEARCH)
  search(
    @Payload('actor') actor: ActorDto,
    @Payload('query') query: SearchResidentsDto,
  ): Promise<RpcResponse<typeof POPULATION_RESIDENTS_SEARCH>> {
    return this.residents.search(actor, query);
  }

  @MessagePattern(POPULATION_RESIDENTS_UPDATE)
  update(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
    @Payload('changes') changes: UpdateResidentDto,
  ): Promise<RpcResponse<typeof POPULATION_RESIDENTS_UPDATE>> {
    return this.residents.update(actor, nik, changes);
  }

  @MessagePattern(POPULATION_RESIDENTS_HISTORY)
  history(
    @Payload('actor') actor: ActorDto,
    @Payload('nik', NikPipe) nik: string,
  ): Promise<RpcResponse<typeof POPULATION_RESIDENTS_HISTORY>> {
    return this.residents.history(actor, nik);
  }
}
