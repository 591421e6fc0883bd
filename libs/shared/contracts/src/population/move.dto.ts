import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PossibleDuplicateView } from './duplicate.dto';
import { FamilyRelationship } from './enums';
import { FamilyCardView } from './family-card.dto';
import { IsNik } from './nik';
import { IsRegionCode } from './region-code';
import { AddressDto, RegisterResidentDto } from './resident.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Moving out of the regency's registry: one person (`nik`) or a whole family card
 * (`familyCardNumber`, which closes the card). Each person's status becomes PINDAH.
 */
export class MoveOutDto {
  @ApiPropertyOptional({ description: 'One person moving out (give this or familyCardNumber)' })
  @ValidateIf((o: MoveOutDto) => o.familyCardNumber === undefined || o.nik !== undefined)
  @IsNik()
  nik?: string;

  @ApiPropertyOptional({
    description: 'A whole family moving out: every current member (give this or nik)',
    example: '3174043011260001',
  })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'familyCardNumber must be 16 digits' })
  familyCardNumber?: string;

  @ApiProperty({
    description:
      'Kemendagri code of the destination: province, regency, district or village (2, 4, 6 or 10 digits)',
    example: '3273',
  })
  @IsRegionCode()
  destinationRegionCode: string;

  @ApiProperty({ format: 'date', description: 'Not in the future, not before a mover’s birth' })
  @IsDateString({ strict: true }, { message: 'movedOn must be a date YYYY-MM-DD' })
  @Matches(DATE, { message: 'movedOn must be a date YYYY-MM-DD' })
  movedOn: string;

  @ApiProperty({ maxLength: 500, example: 'Pekerjaan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

/** Personal data of someone new to this registry (their NIK was issued elsewhere). */
export class MovingPersonDataDto extends PickType(RegisterResidentDto, [
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'religion',
  'maritalStatus',
  'occupation',
  'educationLevel',
] as const) {}

export class MoveInPersonDto {
  @ApiProperty({ description: 'The NIK the person already has' })
  @IsNik()
  nik: string;

  @ApiProperty({
    enum: FamilyRelationship,
    enumName: 'FamilyRelationship',
    description: 'SHDK on the card joined; KEPALA_KELUARGA for the head of a new card',
  })
  @IsEnum(FamilyRelationship)
  relationship: FamilyRelationship;

  @ApiPropertyOptional({
    type: MovingPersonDataDto,
    description:
      'Required for someone not yet in this registry; left out for a returning resident (registered here and moved out)',
  })
  @IsOptional()
  @IsObject({ message: 'person must be an object' })
  @ValidateNested()
  @Type(() => MovingPersonDataDto)
  person?: MovingPersonDataDto;
}

/**
 * Moving into the regency: people with their NIKs joining an existing family card
 * (`familyCardNumber`) or a new one at `address` (one of them its head).
 */
export class MoveInDto {
  @ApiProperty({ type: [MoveInPersonDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MoveInPersonDto)
  people: MoveInPersonDto[];

  @ApiPropertyOptional({ description: 'An existing card to join (give this or address)' })
  @ValidateIf((o: MoveInDto) => o.address === undefined || o.familyCardNumber !== undefined)
  @Matches(/^\d{16}$/, { message: 'familyCardNumber must be 16 digits' })
  familyCardNumber?: string;

  @ApiPropertyOptional({
    type: AddressDto,
    description: 'Address of a new card (give this or familyCardNumber)',
  })
  @IsOptional()
  @IsObject({ message: 'address must be an object' })
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({
    description: 'Kemendagri code of the region they come from, when known',
    example: '3273',
  })
  @IsOptional()
  @IsRegionCode()
  originRegionCode?: string;

  @ApiProperty({ format: 'date', description: 'Not in the future, not before a mover’s birth' })
  @IsDateString({ strict: true }, { message: 'movedOn must be a date YYYY-MM-DD' })
  @Matches(DATE, { message: 'movedOn must be a date YYYY-MM-DD' })
  movedOn: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MovedPersonView {
  @ApiProperty({ format: 'uuid' })
  residentId: string;
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ nullable: true, type: String, description: 'The card left (out) or joined (in)' })
  familyCardNumber: string | null;
  @ApiProperty({ enum: FamilyRelationship, enumName: 'FamilyRelationship', nullable: true })
  relationship: FamilyRelationship | null;
}

export class MoveOutView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty()
  destinationRegionCode: string;
  @ApiProperty({ format: 'date' })
  movedOn: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ type: [MovedPersonView] })
  people: MovedPersonView[];
  @ApiProperty({ description: 'The whole family moved: its card is closed' })
  familyCardClosed: boolean;
  @ApiProperty({ format: 'date-time' })
  registeredAt: string;
}

export class MovedInPersonView extends MovedPersonView {
  @ApiProperty({ description: 'Registered here before and moved out: the record is reactivated' })
  returning: boolean;
}

export class MoveInView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ nullable: true, type: String })
  originRegionCode: string | null;
  @ApiProperty({ format: 'date' })
  movedOn: string;
  @ApiProperty({ type: [MovedInPersonView] })
  people: MovedInPersonView[];
  @ApiProperty({ type: FamilyCardView, description: 'The card joined or issued' })
  familyCard: FamilyCardView;
  @ApiProperty({ type: [PossibleDuplicateView], description: 'For people new to the registry' })
  possibleDuplicates: PossibleDuplicateView[];
  @ApiProperty({ format: 'date-time' })
  registeredAt: string;
}
