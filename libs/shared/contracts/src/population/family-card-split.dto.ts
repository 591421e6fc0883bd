import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FamilyRelationship } from './enums';
import { FamilyCardView } from './family-card.dto';
import { IsNik } from './nik';
import { AddressDto } from './resident.dto';

export class SplitMemberDto {
  @ApiProperty({ description: 'NIK of a current member of the card being split' })
  @IsNik()
  nik: string;

  @ApiProperty({
    enum: FamilyRelationship,
    enumName: 'FamilyRelationship',
    description: 'SHDK on the new card; exactly one member is KEPALA_KELUARGA',
  })
  @IsEnum(FamilyRelationship)
  relationship: FamilyRelationship;
}

/**
 * Pisah KK: some members leave a card to form a new one (after a marriage, say). The new card is
 * issued today, numbered for the district of its address; its address is the old card's unless
 * `address` gives a new one (the leaving members' addresses change with it).
 */
export class SplitFamilyCardDto {
  @ApiProperty({ type: [SplitMemberDto], description: 'The members who leave, with their new relationships' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SplitMemberDto)
  members: SplitMemberDto[];

  @ApiPropertyOptional({ type: AddressDto, description: 'Address of the new card; default: the old card’s' })
  @IsOptional()
  @IsObject({ message: 'address must be an object' })
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiProperty({ description: 'Why (kept in the membership history)', maxLength: 500, example: 'Menikah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class SplitFamilyCardView {
  @ApiProperty({ type: FamilyCardView, description: 'The card the members left' })
  from: FamilyCardView;
  @ApiProperty({ type: FamilyCardView, description: 'The new card' })
  to: FamilyCardView;
}

/**
 * Names a new head among the current members. The previous head, when the card still has one,
 * stays on the card with `previousHeadRelationship`.
 */
export class ChangeFamilyHeadDto {
  @ApiProperty({ description: 'NIK of the new head: a current, living member of the card' })
  @IsNik()
  nik: string;

  @ApiPropertyOptional({
    enum: FamilyRelationship,
    enumName: 'FamilyRelationship',
    description: 'Required when the card has a head: the previous head’s relationship to the new one',
  })
  @IsOptional()
  @IsEnum(FamilyRelationship)
  previousHeadRelationship?: FamilyRelationship;

  @ApiProperty({ description: 'Why (kept in the membership history)', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
