import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsString, Matches, ValidateNested, validate } from 'class-validator';
import { toFieldErrors } from './field-errors';

class AddressDto {
  @Matches(/^\d{10}$/)
  villageCode: string;
}

class MemberDto {
  @Matches(/^\d{16}$/)
  nik: string;
}

class RequestDto {
  @IsString()
  reason: string;
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  items: MemberDto[];
}

describe(toFieldErrors.name, () => {
  it('names nested fields with dotted paths and array elements by index, without the rejected value', async () => {
    const dto = plainToInstance(RequestDto, {
      reason: 7,
      address: { villageCode: '12' },
      items: [{ nik: '3171011708450001' }, { nik: 'secret-nik-value' }],
    });
    const errors = toFieldErrors(await validate(dto));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['reason', 'isString'],
      ['address.villageCode', 'matches'],
      ['items.1.nik', 'matches'],
    ]);
    expect(errors[1].message).toMatch(/^address\.villageCode must match/);
    expect(JSON.stringify(errors)).not.toContain('secret-nik-value');
  });

  it('returns nothing for no errors', () => {
    expect(toFieldErrors([])).toEqual([]);
  });
});
