/**
 * Who asks, carried in every RPC request from the gateway. `jurisdiction` lists region-code
 * prefixes (province, regency, district or village codes, undotted); a service answers a person
 * outside all of them as not found. An empty list sees nobody.
 */
export interface Actor {
  sub: string;
  roles: string[];
  jurisdiction: string[];
  requestId?: string;
}

/** Every RPC request names its actor; services scope reads and record writes with it. */
export interface ActorRequest {
  actor: Actor;
}

export enum Role {
  Registrar = 'registrar',
  FrontDesk = 'front_desk',
  VillageHead = 'village_head',
  HealthWorker = 'health_worker',
  SchoolOperator = 'school_operator',
  SocialWorker = 'social_worker',
  EconomyOfficer = 'economy_officer',
  Auditor = 'auditor',
  Admin = 'admin',
  AgencySystem = 'agency_system',
  Resident = 'resident',
}

/** True when a 10-digit village code lies inside one of the jurisdiction prefixes. */
export function withinJurisdiction(villageCode: string, jurisdiction: readonly string[]): boolean {
  return jurisdiction.some((prefix) => prefix.length > 0 && villageCode.startsWith(prefix));
}
