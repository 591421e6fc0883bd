import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { FamilyCardView, HealthSummaryView, ResidentView } from '@terpadu/contracts';

export type UnavailableReason = 'timeout' | 'error';

/** A section whose service did not answer in time (`timeout`) or failed (`error`). */
export class UnavailableSectionView {
  @ApiProperty({ enum: ['unavailable'] })
  status: 'unavailable';
  @ApiProperty({ enum: ['timeout', 'error'] })
  reason: UnavailableReason;
}

export class PersonSectionView {
  @ApiProperty({ enum: ['available'] })
  status: 'available';
  @ApiProperty({ type: ResidentView })
  data: ResidentView;
}

export class FamilySectionView {
  @ApiProperty({ enum: ['available'] })
  status: 'available';
  @ApiProperty({
    type: FamilyCardView,
    nullable: true,
    description: 'Null when the person has no family card',
  })
  data: FamilyCardView | null;
}

export class HealthSectionView {
  @ApiProperty({ enum: ['available'] })
  status: 'available';
  @ApiProperty({ type: HealthSummaryView })
  data: HealthSummaryView;
}

export type SectionView = { status: 'available'; data: unknown } | UnavailableSectionView;

const availableOr = (model: new () => object) => ({
  oneOf: [{ $ref: getSchemaPath(model) }, { $ref: getSchemaPath(UnavailableSectionView) }],
});

/** The sections the caller's roles let them see; a section they may not see is absent. */
export class OverviewSectionsView {
  @ApiProperty({ ...availableOr(PersonSectionView), description: 'The resident record (always present)' })
  person: SectionView;
  @ApiPropertyOptional({ ...availableOr(FamilySectionView), description: 'The current family card' })
  family?: SectionView;
  @ApiPropertyOptional({
    ...availableOr(HealthSectionView),
    description: 'Immunization, pregnancy and insurance: DETAIL for health workers, SUMMARY for some roles',
  })
  health?: SectionView;
}

export class OverviewView {
  @ApiProperty()
  nik: string;
  @ApiProperty({ type: OverviewSectionsView })
  sections: OverviewSectionsView;
}
