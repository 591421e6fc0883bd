import { Injectable } from '@nestjs/common';
import { invalidField } from '@terpadu/service-kit';
import {
  ErrorCode,
  NikWarningCode,
  type ParsedNik,
  RegionLevel,
  regionLevelOf,
  type RegionRefView,
  type RegionView,
} from '@terpadu/contracts';
import { DomainException } from '@terpadu/messaging';
import { DataSource, type EntityManager } from 'typeorm';

/** Kelurahan (urban), desa (rural) or desa adat (customary): the first digit of the village part. */
export enum VillageKind {
  Kelurahan = 'KELURAHAN',
  Desa = 'DESA',
  DesaAdat = 'DESA_ADAT',
}

/** A village with the names of its district, regency and province: what a letterhead prints. */
export interface VillageRegion {
  code: string;
  name: string;
  kind: VillageKind;
  retiredAt: Date | null;
  district: RegionRefView;
  regency: RegionRefView;
  province: RegionRefView;
}

interface LevelRow {
  level: RegionLevel;
  code: string;
  name: string;
  retired_at: Date | null;
}

const KIND_BY_DIGIT: Readonly<Record<string, VillageKind>> = {
  '1': VillageKind.Kelurahan,
  '2': VillageKind.Desa,
  '3': VillageKind.DesaAdat,
};

/**
 * Region reference data: names of provinces, regencies, districts and villages by their undotted
 * Kemendagri code, retired codes included. Parents are prefixes of a code (the tables enforce it).
 */
@Injectable()
export class RegionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A region of any level with its parents' names; REGION_NOT_FOUND when the code is not in the tables. */
  async get(code: string): Promise<RegionView> {
    const level = regionLevelOf(code);
    const rows =
      level === undefined
        ? new Map<RegionLevel, LevelRow>()
        : await this.levels(this.dataSource.manager, code);
    const own = level === undefined ? undefined : rows.get(level);
    if (!own) {
      throw new DomainException(ErrorCode.REGION_NOT_FOUND, 'No region has this code');
    }
    const ref = (l: RegionLevel): RegionRefView | null => {
      const row = l === level ? undefined : rows.get(l);
      return row ? { code: row.code, name: row.name } : null;
    };
    return {
      code: own.code,
      level: own.level,
      name: own.name,
      retiredAt: own.retired_at?.toISOString() ?? null,
      province: ref(RegionLevel.Province),
      regency: ref(RegionLevel.Regency),
      district: ref(RegionLevel.District),
    };
  }

  /** A village and its parents, retired or not; null when the code is no village code at all. */
  async findVillage(code: string, m: EntityManager = this.dataSource.manager): Promise<VillageRegion | null> {
    if (!/^\d{10}$/.test(code)) return null;
    const rows = await this.levels(m, code);
    const village = rows.get(RegionLevel.Village);
    const district = rows.get(RegionLevel.District);
    const regency = rows.get(RegionLevel.Regency);
    const province = rows.get(RegionLevel.Province);
    if (!village || !district || !regency || !province) return null;
    return {
      code: village.code,
      name: village.name,
      kind: KIND_BY_DIGIT[code[6]] ?? VillageKind.Desa,
      retiredAt: village.retired_at,
      district: { code: district.code, name: district.name },
      regency: { code: regency.code, name: regency.name },
      province: { code: province.code, name: province.name },
    };
  }

  /**
   * Refuses an address whose village code is not a current village: unknown (`unknownVillage`) or
   * retired by a later edition of the codes (`retiredVillage`), as VALIDATION_FAILED on `field`.
   */
  async assertCurrentVillage(m: EntityManager, code: string, field = 'address.villageCode'): Promise<void> {
    const rows = await m.query<{ retired_at: Date | null }[]>(
      `SELECT retired_at FROM villages WHERE code = $1`,
      [code],
    );
    if (rows.length === 0)
      throw invalidField(field, 'unknownVillage', `${field} is not a known village code`);
    if (rows[0].retired_at !== null)
      throw invalidField(field, 'retiredVillage', `${field} is a retired village code; use the current one`);
  }

  /**
   * The NIK's warnings, with the regency and district checked against the region tables (retired
   * codes count as known: a NIK keeps the code of where it was issued). An unknown regency implies an
   * unknown district, so only the regency is named then. Never a rejection: regions split over time.
   */
  async nikWarnings(m: EntityManager, nik: ParsedNik): Promise<NikWarningCode[]> {
    const rows = await m.query<{ regency: boolean; district: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM regencies WHERE code = $1) AS regency,
              EXISTS (SELECT 1 FROM districts WHERE code = $2) AS district`,
      [nik.regencyCode, nik.districtCode],
    );
    const known = rows[0];
    const warnings = new Set(nik.warnings);
    if (!known.regency) warnings.add(NikWarningCode.UnknownRegency);
    else if (!known.district) warnings.add(NikWarningCode.UnknownDistrict);
    return [...warnings];
  }

  /**
   * Every level of `code` (itself and its prefixes) found in the tables, in one round trip. A prefix
   * longer than the code is the code itself, which has the wrong length to match a lower level.
   */
  private async levels(m: EntityManager, code: string): Promise<Map<RegionLevel, LevelRow>> {
    const rows = await m.query<LevelRow[]>(
      `SELECT 'PROVINCE' AS level, code, name, retired_at FROM provinces WHERE code = left($1, 2)
       UNION ALL SELECT 'REGENCY', code, name, retired_at FROM regencies WHERE code = left($1, 4)
       UNION ALL SELECT 'DISTRICT', code, name, retired_at FROM districts WHERE code = left($1, 6)
       UNION ALL SELECT 'VILLAGE', code, name, retired_at FROM villages WHERE code = left($1, 10)`,
      [code],
    );
    return new Map(rows.map((r) => [r.level, r]));
  }
}
