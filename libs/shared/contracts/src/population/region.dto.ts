import { ApiProperty } from '@nestjs/swagger';

/** The level of a Kemendagri region code, told by its length (2, 4, 6 or 10 digits undotted). */
export enum RegionLevel {
  Province = 'PROVINCE',
  Regency = 'REGENCY',
  District = 'DISTRICT',
  Village = 'VILLAGE',
}

/** Undotted code length of each level. */
export const REGION_CODE_LENGTH: Readonly<Record<RegionLevel, number>> = {
  [RegionLevel.Province]: 2,
  [RegionLevel.Regency]: 4,
  [RegionLevel.District]: 6,
  [RegionLevel.Village]: 10,
};

/** The level a code of this length names, or undefined for any other length. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  return (Object.keys(REGION_CODE_LENGTH) as RegionLevel[]).find(
    (l) => REGION_CODE_LENGTH[l] === code.length,
  );
}

export class RegionRefView {
  @ApiProperty({ example: '3174' })
  code: string;
  @ApiProperty({ example: 'Kota Administrasi Jakarta Selatan' })
  name: string;
}

/**
 * A region with the names of the regions above it. A retired code (dropped by a later edition of
 * the Kemendagri codes) still resolves, with `retiredAt` set.
 */
export class RegionView {
  @ApiProperty({ description: 'Undotted code', example: '3174091005' })
  code: string;
  @ApiProperty({ enum: RegionLevel, enumName: 'RegionLevel' })
  level: RegionLevel;
  @ApiProperty({ example: 'Tanjung Barat' })
  name: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set when the code is retired',
  })
  retiredAt: string | null;
  @ApiProperty({ type: RegionRefView, nullable: true, description: 'Null for a province' })
  province: RegionRefView | null;
  @ApiProperty({ type: RegionRefView, nullable: true, description: 'Null for a province or regency' })
  regency: RegionRefView | null;
  @ApiProperty({ type: RegionRefView, nullable: true, description: 'Set for a village only' })
  district: RegionRefView | null;
}
