import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  type Actor,
  ErrorCode,
  ImportJobView,
  ImportRowPageView,
  ImportRowsQueryDto,
  POPULATION_IMPORTS_GET,
  POPULATION_IMPORTS_ROWS,
} from '@terpadu/contracts';
import { DomainException, RpcClient } from '@terpadu/messaging';
import type { FastifyReply } from 'fastify';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { ImportIdParamDto } from './import-params.dto';
import { ImportsService } from './imports.service';

const NOT_FOUND =
  'IMPORT_NOT_FOUND: no such import, or it was uploaded by an office your jurisdiction does not cover';

/** `attachment; filename="data penduduk.csv"` -> `data penduduk.csv` (the name only, no path). */
function filenameOf(contentDisposition: string | undefined): string | undefined {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
  if (!match) return undefined;
  let name = match[1];
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: keep it as sent
  }
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base.length > 0 && !/[\u0000-\u001f\u007f]/.test(base) ? base.slice(0, 255) : undefined;
}

@ApiTags('imports')
@ApiBearerAuth('bearer')
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly rpc: RpcClient,
  ) {}

  @Post('residents')
  @Roles(...ACCESS.importResidents)
  @ApiOperation({
    operationId: 'importResidents',
    summary: 'Import residents from a SIAK export (CSV)',
    description:
      'The body is the CSV file itself (`Content-Type: text/csv`, UTF-8, `;` or `,` between fields, a BOM is fine) ' +
      'in the column layout of a SIAK resident export (docs/imports.md). The file runs as a job: the answer is 202 ' +
      'with the job and its `Location`; follow it with `GET /v1/imports/{id}` and the per-row report. Uploading the ' +
      'same file again (same SHA-256) answers 200 with the existing job and changes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The CSV file' })
  @ApiHeader({
    name: 'content-disposition',
    required: false,
    description: '`attachment; filename="..."`: the file name shown in the job',
  })
  @ApiAcceptedResponse({ type: ImportJobView, description: 'The job, started' })
  @ApiOkResponse({ type: ImportJobView, description: 'This file was uploaded before: its job, unchanged' })
  @ApiProblemResponses({
    400: 'VALIDATION_FAILED: not UTF-8, not CSV, no rows, or a required column is missing (`errors` names each)',
    409: 'IMPORT_FILE_ALREADY_IMPORTED: an office whose jurisdiction yours does not cover imported this file; IMPORT_UPLOAD_CLOSED: a newer upload of the same file replaced this one',
    413: 'PAYLOAD_TOO_LARGE: the file is larger than IMPORT_MAX_BYTES',
    415: 'UNSUPPORTED_MEDIA_TYPE: the body is not text/csv',
  })
  async importResidents(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Headers('content-disposition') contentDisposition: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportJobView> {
    if (!Buffer.isBuffer(body)) {
      throw new DomainException(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'Send the file as the body, with Content-Type: text/csv',
      );
    }
    const { job, created } = await this.imports.upload(actor, body, filenameOf(contentDisposition));
    void reply.status(created ? 202 : 200).header('location', `/v1/imports/${job.id}`);
    return job;
  }

  @Get(':id')
  @Roles(...ACCESS.readImports)
  @ApiOperation({
    operationId: 'getImport',
    summary: 'Get an import job and its progress',
    description:
      'Status (QUEUED, RUNNING, DONE, FAILED) and the counts of rows processed, accepted, unchanged and rejected.',
  })
  @ApiOkResponse({ type: ImportJobView, description: 'The job' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param() { id }: ImportIdParamDto): Promise<ImportJobView> {
    return this.rpc.send(POPULATION_IMPORTS_GET, { actor, id });
  }

  @Get(':id/rows')
  @Roles(...ACCESS.readImports)
  @ApiOperation({
    operationId: 'listImportRows',
    summary: 'The per-row report of an import',
    description:
      'Each processed row in file order (`row` is its line; the header is line 1): ACCEPTED with the new resident, ' +
      'UNCHANGED (already registered with the same data), or REJECTED with `reason` and the `column` at fault. ' +
      'A page at a time (`nextCursor`); `outcome=REJECTED` lists only what needs fixing.',
  })
  @ApiOkResponse({ type: ImportRowPageView, description: 'A page of the report' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  rows(
    @CurrentActor() actor: Actor,
    @Param() { id }: ImportIdParamDto,
    @Query() query: ImportRowsQueryDto,
  ): Promise<ImportRowPageView> {
    return this.rpc.send(POPULATION_IMPORTS_ROWS, { actor, id, query });
  }
}
