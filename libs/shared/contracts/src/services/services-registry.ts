import registry from './services.json';

/** One domain service as the platform knows it (the gateway is not one: it is the entry point). */
export interface ServiceEntry {
  /** The app folder (`apps/<name>`), the RPC queue group and subjects (`rpc.<name>.*`), the event source. */
  name: string;
  /** Port of its HTTP server (probes and metrics) unless HTTP_PORT says otherwise. */
  httpPort: number;
  /** Its own PostgreSQL database (the launcher and compose create it; `<NAME>_DATABASE_URL` overrides it). */
  database: string;
  /** The domains whose events it consumes: their services start first. */
  consumes: string[];
  /** It consumes events, so it holds dead letters the gateway's admin API lists and replays. */
  deadLetters: boolean;
}

/** Every domain service, in start order (a service after the services whose events it consumes). */
export const SERVICES: readonly ServiceEntry[] = registry.services;

export function serviceEntry(name: string): ServiceEntry {
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry)
    throw new Error(
      `${name} is not in the services registry (libs/shared/contracts/src/services/services.json)`,
    );
  return entry;
}

/** The services whose dead letters the gateway asks for by default. */
export function deadLetterServices(): string[] {
  return SERVICES.filter((s) => s.deadLetters).map((s) => s.name);
}
