/** Population registry vocabularies (SIAK terms). Values are stored and sent as written here. */
export enum Sex {
  Male = 'LAKI_LAKI',
  Female = 'PEREMPUAN',
}

export enum Religion {
  Islam = 'ISLAM',
  Kristen = 'KRISTEN',
  Katolik = 'KATOLIK',
  Hindu = 'HINDU',
  Buddha = 'BUDDHA',
  Konghucu = 'KONGHUCU',
  Kepercayaan = 'KEPERCAYAAN',
}

export enum MaritalStatus {
  BelumKawin = 'BELUM_KAWIN',
  Kawin = 'KAWIN',
  CeraiHidup = 'CERAI_HIDUP',
  CeraiMati = 'CERAI_MATI',
}

export enum EducationLevel {
  TidakSekolah = 'TIDAK_SEKOLAH',
  BelumTamatSd = 'BELUM_TAMAT_SD',
  Sd = 'SD',
  Smp = 'SMP',
  Sma = 'SMA',
  D1D2 = 'D1_D2',
  D3 = 'D3',
  D4S1 = 'D4_S1',
  S2 = 'S2',
  S3 = 'S3',
}

/** Status dasar of a person. */
export enum ResidentStatus {
  Hidup = 'HIDUP',
  Mati = 'MATI',
  Pindah = 'PINDAH',
  Hilang = 'HILANG',
}

/** SHDK: relationship to the head of the family card. */
export enum FamilyRelationship {
  KepalaKeluarga = 'KEPALA_KELUARGA',
  Suami = 'SUAMI',
  Istri = 'ISTRI',
  Anak = 'ANAK',
  Menantu = 'MENANTU',
  Cucu = 'CUCU',
  OrangTua = 'ORANG_TUA',
  Mertua = 'MERTUA',
  FamiliLain = 'FAMILI_LAIN',
  Pembantu = 'PEMBANTU',
  Lainnya = 'LAINNYA',
}

/** Why a record needs a registrar's look; attached to a resident, never a rejection. */
export enum ReviewFlagCode {
  NikBirthDateMismatch = 'NIK_BIRTH_DATE_MISMATCH',
  NikSexMismatch = 'NIK_SEX_MISMATCH',
}

/** Something odd about a NIK that does not make it invalid (regions split and are renamed). */
export enum NikWarningCode {
  UnknownRegency = 'UNKNOWN_REGENCY',
  UnknownDistrict = 'UNKNOWN_DISTRICT',
}
