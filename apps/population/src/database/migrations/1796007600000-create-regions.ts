import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadRegionEdition, readRegionEdition } from '../../regions/region-data';

/**
 * Region reference data (Kemendagri codes, undotted): provinces, regencies, districts and villages
 * with their names, loaded from the idn-area-data package (data under ODbL, see the README).
 * A code is never deleted: a code an edition drops gets `retired_at` and stays resolvable.
 */
export class CreateRegions1796007600000 implements MigrationInterface {
  name = 'CreateRegions1796007600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provinces (
        code varchar(2) PRIMARY KEY CONSTRAINT provinces_code_ck CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL,
        retired_at timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE regencies (
        code varchar(4) PRIMARY KEY CONSTRAINT regencies_code_ck CHECK (code ~ '^[0-9]{4}$'),
        province_code varchar(2) NOT NULL REFERENCES provinces (code),
        name text NOT NULL,
        retired_at timestamptz NULL,
        CONSTRAINT regencies_parent_ck CHECK (left(code, 2) = province_code)
      )`);
    await q.query(`
      CREATE TABLE districts (
        code varchar(6) PRIMARY KEY CONSTRAINT districts_code_ck CHECK (code ~ '^[0-9]{6}$'),
        regency_code varchar(4) NOT NULL REFERENCES regencies (code),
        name text NOT NULL,
        retired_at timestamptz NULL,
        CONSTRAINT districts_parent_ck CHECK (left(code, 4) = regency_code)
      )`);
    await q.query(`
      CREATE TABLE villages (
        code varchar(10) PRIMARY KEY CONSTRAINT villages_code_ck CHECK (code ~ '^[0-9]{10}$'),
        district_code varchar(6) NOT NULL REFERENCES districts (code),
        name text NOT NULL,
        retired_at timestamptz NULL,
        CONSTRAINT villages_parent_ck CHECK (left(code, 6) = district_code)
      )`);
    await loadRegionEdition(q, readRegionEdition(), new Date());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE villages`);
    await q.query(`DROP TABLE districts`);
    await q.query(`DROP TABLE regencies`);
    await q.query(`DROP TABLE provinces`);
  }
}
