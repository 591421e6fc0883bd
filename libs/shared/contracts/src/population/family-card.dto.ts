import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsString, MaxLength, NotEquals } from 'class-validator';
import { FamilyRelationship } from './enums';
import { IsNik } from './nik';
import { AddressDto } from './resident.dto';

/**
 * Opens a family card (KK) with its head. The card's number is issued by the registry (district
 * code of the head's village, issue date DDMMYY, next serial) and its address is the head's.
 */
export class CreateFamilyCardDto {
  @ApiProperty({ description: 'NIK of the head of the family (a registered, living resident)' })
  @IsNik()
  headNik: string;
}

export class AddFamilyMemberDto {
  @ApiProperty({ description: 'NIK of a registered, living resident without an active family card' })
  @IsNik()
  nik: string;

  @ApiProperty({
    enum: FamilyRelationship,
    enumName: 'FamilyRelationship',
    description: 'SHDK, other than the head',
  })
  @IsEnum(FamilyRelationship)
  @NotEquals(FamilyRelationship.KepalaKeluarga, {
    message: 'relationship cannot be KEPALA_KELUARGA: a card has one head',
  })
  relationship: FamilyRelationship;
}

export class RemoveFamilyMemberDto {
  @ApiProperty({
    description: 'Why the member leaves this card (kept in the membership history)',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class FamilyMemberView {
  @ApiProperty()
  nik: string;
  @ApiProperty()
  fullName: string;
  @ApiProperty({ enum: FamilyRelationship, enumName: 'FamilyRelationship' })
  relationship: FamilyRelationship;
  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
}

export class FamilyMembershipHistoryView {
  @ApiProperty()
  nik: string;
  @ApiProperty({ enum: FamilyRelationship, enumName: 'FamilyRelationship' })
  relationship: FamilyRelationship;
  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  leftAt: string | null;
  @ApiProperty({ nullable: true, type: String })
  leaveReason: string | null;
}

export class FamilyCardView {
  @ApiProperty({ example: '3174041708200001' })
  number: string;
  @ApiProperty({ type: AddressDto })
  address: AddressDto;
  @ApiProperty({
    description: 'NIK of the head; null while the card needs a new head, and once it is closed',
    nullable: true,
    type: String,
  })
  headNik: string | null;
  @ApiProperty({
    description: 'The head died or moved out and the card has members left: name a new head',
  })
  needsNewHead: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the card was closed (no member left: the family moved out or its last member died)',
  })
  closedAt: string | null;
  @ApiProperty({ format: 'date' })
  issuedOn: string;
  @ApiProperty({ type: [FamilyMemberView], description: 'Current members, head first' })
  members: FamilyMemberView[];
  @ApiProperty({ type: [FamilyMembershipHistoryView], description: 'Every membership, current and past' })
  history: FamilyMembershipHistoryView[];
}
