import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  type Actor,
  DraftLetterDto,
  LetterPageView,
  LetterVerificationView,
  LetterView,
  ListLettersQueryDto,
  POPULATION_LETTERS_DRAFT,
  POPULATION_LETTERS_GET,
  POPULATION_LETTERS_PDF,
  POPULATION_LETTERS_REVOKE,
  POPULATION_LETTERS_SEARCH,
  POPULATION_LETTERS_SIGN,
  POPULATION_LETTERS_VERIFY,
  RevokeLetterDto,
  SearchLettersDto,
  SignLetterDto,
} from '@terpadu/contracts';
import { RpcClient } from '@terpadu/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../auth/access-policy';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../problem/api-problem-responses.decorator';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { LetterIdParamDto, VerificationCodeParamDto } from './letter-params.dto';

const HOLDER_REFUSED =
  'RESIDENT_DECEASED, RESIDENT_MOVED_OUT, RESIDENT_NOT_ACTIVE, RESIDENT_DEACTIVATED: the letter makes no sense for ' +
  'the holder; RESIDENT_NOT_DECEASED: a death certificate for a person not recorded as deceased';
const NOT_FOUND = 'LETTER_NOT_FOUND: no such letter, or it belongs to a village outside your jurisdiction';

@ApiTags('letters')
@Controller('v1/letters')
export class LettersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.draftLetters)
  @ApiOperation({
    operationId: 'draftLetter',
    summary: 'Draft a letter for a resident',
    description:
      'SKTM, domicile, business domicile (with `business`), cover letter, birth or death certificate (with ' +
      '`death`; the holder must be recorded as deceased). The letter is numbered and gets its verification code ' +
      'when the village head signs it.',
  })
  @ApiCreatedResponse({ type: LetterView, description: 'The draft' })
  @ApiProblemResponses({
    404: 'RESIDENT_NOT_FOUND: no resident with this NIK in your jurisdiction',
    422: HOLDER_REFUSED,
  })
  draft(@CurrentActor() actor: Actor, @Body() letter: DraftLetterDto): Promise<LetterView> {
    return this.rpc.send(POPULATION_LETTERS_DRAFT, { actor, letter });
  }

  @Get()
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.readLetters)
  @ApiOperation({
    operationId: 'listLetters',
    summary: 'List letters by village, status and type',
    description:
      'Letters of villages in your jurisdiction, oldest first, a page at a time (`nextCursor`). To find the ' +
      'letters of one resident use `POST /v1/letters/search`: a NIK never travels in a URL.',
  })
  @ApiOkResponse({ type: LetterPageView, description: 'A page of letters' })
  @ApiProblemResponses()
  list(@CurrentActor() actor: Actor, @Query() query: ListLettersQueryDto): Promise<LetterPageView> {
    return this.rpc.send(POPULATION_LETTERS_SEARCH, { actor, query });
  }

  @Post('search')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.readLetters)
  @ApiOperation({
    operationId: 'searchLetters',
    summary: "Search letters, also by the holder's NIK",
    description:
      'The listing of `GET /v1/letters` plus `residentNik`, in the body so that it never lands in URLs.',
  })
  @ApiOkResponse({ type: LetterPageView, description: 'A page of matching letters' })
  @ApiProblemResponses()
  search(@CurrentActor() actor: Actor, @Body() query: SearchLettersDto): Promise<LetterPageView> {
    return this.rpc.send(POPULATION_LETTERS_SEARCH, { actor, query });
  }

  @Get('verify/:code')
  @Public()
  @RateLimit((env) => env.VERIFY_RATE_LIMIT_PER_MINUTE)
  @ApiOperation({
    operationId: 'verifyLetter',
    summary: 'Verify a letter by the code printed on it (no login)',
    description:
      'What the QR code on a letter opens. Tells whether the letter is valid, revoked or expired, its type, ' +
      "number, issue and expiry dates and the holder's masked name, and nothing else. Rate-limited per client " +
      'address (VERIFY_RATE_LIMIT_PER_MINUTE).',
  })
  @ApiOkResponse({ type: LetterVerificationView, description: 'The letter as the public may see it' })
  @ApiProblemResponses({ 404: 'LETTER_NOT_FOUND: no letter has this verification code' })
  verify(
    @Param() { code }: VerificationCodeParamDto,
    @Req() request: FastifyRequest,
  ): Promise<LetterVerificationView> {
    return this.rpc.send(POPULATION_LETTERS_VERIFY, { code, requestId: request.id });
  }

  @Get(':id')
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.readLetters)
  @ApiOperation({
    operationId: 'getLetter',
    summary: 'Get a letter',
    description: 'One letter with its holder.',
  })
  @ApiOkResponse({ type: LetterView, description: 'The letter' })
  @ApiProblemResponses({ 404: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param() { id }: LetterIdParamDto): Promise<LetterView> {
    return this.rpc.send(POPULATION_LETTERS_GET, { actor, id });
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.signLetters)
  @ApiOperation({
    operationId: 'signLetter',
    summary: 'Sign a draft',
    description:
      'Gives the letter its number, `classification/sequence/type/village/year` (e.g. ' +
      '`470/0012/SKTM/3174091005/2026`; the sequence counts per village, type and year without gaps), its ' +
      'validity (the draft’s, or the type’s rule) and its verification code, and publishes ' +
      '`evt.population.letter.issued.v1`.',
  })
  @ApiOkResponse({ type: LetterView, description: 'The signed letter' })
  @ApiProblemResponses({
    404: NOT_FOUND,
    409: 'LETTER_NOT_DRAFT: only a draft can be signed',
    422: `${HOLDER_REFUSED}; LETTER_VALIDITY_ENDED: the requested validity is over`,
  })
  sign(
    @CurrentActor() actor: Actor,
    @Param() { id }: LetterIdParamDto,
    @Body() signing: SignLetterDto,
  ): Promise<LetterView> {
    return this.rpc.send(POPULATION_LETTERS_SIGN, { actor, id, signing });
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.signLetters)
  @ApiOperation({
    operationId: 'revokeLetter',
    summary: 'Revoke a signed letter',
    description:
      'With a reason; publishes `evt.population.letter.revoked.v1` and verification answers REVOKED.',
  })
  @ApiOkResponse({ type: LetterView, description: 'The revoked letter' })
  @ApiProblemResponses({ 404: NOT_FOUND, 409: 'LETTER_NOT_SIGNED: only a signed letter can be revoked' })
  revoke(
    @CurrentActor() actor: Actor,
    @Param() { id }: LetterIdParamDto,
    @Body() revocation: RevokeLetterDto,
  ): Promise<LetterView> {
    return this.rpc.send(POPULATION_LETTERS_REVOKE, { actor, id, revocation });
  }

  @Get(':id/pdf')
  @ApiBearerAuth('bearer')
  @Roles(...ACCESS.readLetters)
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'getLetterPdf',
    summary: 'The printable PDF of a signed or revoked letter',
    description:
      'One A4 page: letterhead, title, number, the holder’s particulars, the statement of its type, purpose, ' +
      'validity, place and date, signer, and a QR code of the public verification URL. A revoked letter is ' +
      'stamped DICABUT.',
  })
  @ApiOkResponse({
    description: 'The letter as PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblemResponses({ 404: NOT_FOUND, 409: 'LETTER_NOT_ISSUED: a draft has no PDF' })
  async pdf(
    @CurrentActor() actor: Actor,
    @Param() { id }: LetterIdParamDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { fileName, contentBase64 } = await this.rpc.send(POPULATION_LETTERS_PDF, { actor, id });
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName.replace(/[^A-Za-z0-9.-]/g, '-')}"`)
      .header('cache-control', 'no-store');
    return Buffer.from(contentBase64, 'base64');
  }
}
