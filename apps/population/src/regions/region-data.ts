import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { QueryRunner } from 'typeorm';

/** One region of an edition: undotted code, its parent's undotted code (null for a province), its name. */
export interface RegionRow {
  code: string;
  parentCode: string | null;
  name: string;
}

/** The four levels of Kemendagri codes, each loaded into its own table. */
export interface RegionEdition {
  provinces: RegionRow[];
  regencies: RegionRow[];
  districts: RegionRow[];
  villages: RegionRow[];
}

/** Table, parent column and CSV file of each level, from the top down (the order foreign keys need). */
export const REGION_LEVELS = [
  { key: 'provinces', table: 'provinces', parent: null, file: 'provinces.csv' },
  { key: 'regencies', table: 'regencies', parent: 'province_code', file: 'regencies.csv' },
  { key: 'districts', table: 'districts', parent: 'regency_code', file: 'districts.csv' },
  { key: 'villages', table: 'villages', parent: 'district_code', file: 'villages.csv' },
] as const satisfies readonly {
  key: keyof RegionEdition;
  table: string;
  parent: string | null;
  file: string;
}[];

/**
 * The data folder of the installed idn-area-data package (region data under ODbL, see the README).
 * Resolved at run time from node_modules, which the app bundles leave outside: the same lookup works
 * in jest, in dist/apps/population/migrate.js and in the container image.
 */
export function idnAreaDataDirectory(): string {
  // Through process.getBuiltinModule: webpack rewrites a visible createRequire(...).resolve() into a
  // bundle module id at build time, which is not a path.
  const { createRequire } = process.getBuiltinModule('node:module');
  const packageJson = createRequire(__filename).resolve('idn-area-data/package.json');
  return join(dirname(packageJson), 'data');
}

const undot = (code: string): string => code.replace(/\./g, '');

/** Reads the edition shipped in `directory` (the idn-area-data CSV layout: code, parent code, name). */
export function readRegionEdition(directory = idnAreaDataDirectory()): RegionEdition {
  const edition: RegionEdition = { provinces: [], regencies: [], districts: [], villages: [] };
  for (const level of REGION_LEVELS) {
    const records = parse<Record<string, string>>(readFileSync(join(directory, level.file)), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
    edition[level.key] = records.map((record) => ({
      code: undot(record.code),
      parentCode: level.parent === null ? null : undot(record[level.parent]),
      name: record.name,
    }));
  }
  return edition;
}

/**
 * Loads an edition: inserts new codes, renames changed ones, and marks codes the edition no longer
 * has as retired (`retired_at`) instead of deleting them, since old NIKs and addresses carry them.
 * A code that comes back is active again. One statement per level (arrays unnested), so the ~84k
 * villages load in about a second. A later edition is a new migration calling this again.
 */
export async function loadRegionEdition(q: QueryRunner, edition: RegionEdition, at: Date): Promise<void> {
  for (const level of REGION_LEVELS) {
    const rows = edition[level.key];
    const codes = rows.map((r) => r.code);
    const names = rows.map((r) => r.name);
    if (level.parent === null) {
      await q.query(
        `INSERT INTO ${level.table} (code, name)
           SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, retired_at = NULL`,
        [codes, names],
      );
    } else {
      await q.query(
        `INSERT INTO ${level.table} (code, ${level.parent}, name)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (code) DO UPDATE
           SET ${level.parent} = EXCLUDED.${level.parent}, name = EXCLUDED.name, retired_at = NULL`,
        [codes, rows.map((r) => r.parentCode), names],
      );
    }
    await q.query(
      `UPDATE ${level.table} SET retired_at = $2 WHERE retired_at IS NULL AND NOT (code = ANY($1::text[]))`,
      [codes, at],
    );
  }
}
