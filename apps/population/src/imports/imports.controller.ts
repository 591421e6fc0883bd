import { Controller } from '@nestjs/common';
import { uuidPipe } from '@terpadu/service-kit';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AppendImportRowsDto,
  CreateImportDto,
  ImportRowsQueryDto,
  POPULATION_IMPORTS_APPEND,
  POPULATION_IMPORTS_CREATE,
  POPULATION_IMPORTS_GET,
  POPULATION_IMPORTS_ROWS,
  POPULATION_IMPORTS_START,
  type RpcResponse,
  StartImportDto,
} from '@terpadu/contracts';
import { ActorDto } from '@terpadu/contracts';
import { ImportsService } from './imports.service';

const ID_PIPE = uuidPipe('id');

/** RPC handlers of bulk import jobs; each part of a request is validated on its own. */
@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @MessagePattern(POPULATION_IMPORTS_CREATE)
  create(
    @Payload('actor') actor: ActorDto,
    @Payload('job') job: CreateImportDto,
  ): Promise<RpcResponse<typeof POPULATION_IMPORTS_CREATE>> {
    return this.imports.create(actor, job);
  }

  @MessagePattern(POPULATION_IMPORTS_APPEND)
  append(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
    @Payload('chunk') chunk: AppendImportRowsDto,
  ): Promise<RpcResponse<typeof POPULATION_IMPORTS_APPEND>> {
    return this.imports.append(actor, id, chunk);
  }

  @MessagePattern(POPULATION_IMPORTS_START)
  start(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
    @Payload('start') start: StartImportDto,
  ): Promise<RpcResponse<typeof POPULATION_IMPORTS_START>> {
    return this.imports.start(actor, id, start);
  }

  @MessagePattern(POPULATION_IMPORTS_GET)
  get(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
  ): Promise<RpcResponse<typeof POPULATION_IMPORTS_GET>> {
    return this.imports.get(actor, id);
  }

  @MessagePattern(POPULATION_IMPORTS_ROWS)
  rows(
    @Payload('actor') actor: ActorDto,
    @Payload('id', ID_PIPE) id: string,
    @Payload('query') query: ImportRowsQueryDto,
  ): Promise<RpcResponse<typeof POPULATION_IMPORTS_ROWS>> {
    return this.imports.rows(actor, id, query);
  }
}
