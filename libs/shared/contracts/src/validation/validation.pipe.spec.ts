import { Type } from 'class-transformer';
import { IsString, Matches, ValidateNested } from 'class-validator';
import { ErrorCode } from '../errors/error-codes';
import { ValidationFailedException } from './validation-failed.exception';
import { createValidationPipe } from './validation.pipe';

class AddressDto {
  @Matches(/^\d{10}$/)
  villageCode: string;
}

class RegisterDto {
  @IsString()
  fullName: string;
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
}

describe(createValidationPipe.name, () => {
  const pipe = createValidationPipe();
  const meta = { type: 'body' as const, metatype: RegisterDto };

  it('transforms a valid payload into the DTO', async () => {
    const value: unknown = await pipe.transform(
      { fullName: 'A', address: { villageCode: '3171010001' } },
      meta,
    );
    expect(value).toBeInstanceOf(RegisterDto);
  });

  it('rejects unknown fields and invalid nested fields as VALIDATION_FAILED 400 with paths', async () => {
    const error: unknown = await pipe
      .transform({ fullName: 'A', extra: 1, address: { villageCode: 'x' } }, meta)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedException);
    const body = (error as ValidationFailedException).toBody();
    expect(body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      status: 400,
      detail: 'The request has invalid fields',
    });
    expect(body.errors?.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'address.villageCode:matches',
      'extra:whitelistValidation',
    ]);
  });
});
