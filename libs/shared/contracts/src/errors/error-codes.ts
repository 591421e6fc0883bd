import { COMMON_ERRORS } from './common.errors';
import { DEAD_LETTER_ERRORS } from './dead-letters.errors';
import type { ErrorDefinition, ErrorDomain } from './error-definition';
import { HEALTH_ERRORS } from './health.errors';
import { POPULATION_ERRORS } from './population.errors';

/**
 * Every domain's codes. A new domain adds its `<domain>.errors.ts` and one entry here; a code
 * defined by two domains fails at load (and in the contracts spec).
 */
export const ERROR_DOMAINS = [COMMON_ERRORS, POPULATION_ERRORS, HEALTH_ERRORS, DEAD_LETTER_ERRORS] as const;

type CodesOf<D> = D extends unknown ? Extract<keyof D, string> : never;

/**
 * Stable error codes shared by services and the gateway. Clients switch on `code`, so a code is
 * never renamed or reused with another meaning, and always answered with its one status; add a
 * new code instead.
 */
export type ErrorCode = CodesOf<(typeof ERROR_DOMAINS)[number]>;

/** One table of every code, refusing a code that two domains define. */
export function mergeErrorDomains(domains: readonly ErrorDomain[]): ReadonlyMap<string, ErrorDefinition> {
  const merged = new Map<string, ErrorDefinition>();
  for (const domain of domains) {
    for (const [code, definition] of Object.entries(domain)) {
      if (merged.has(code)) throw new Error(`Error code ${code} is defined by two domains`);
      merged.set(code, definition);
    }
  }
  return merged;
}

const DEFINITIONS = mergeErrorDomains(ERROR_DOMAINS);

/** `ErrorCode.RESIDENT_NOT_FOUND === 'RESIDENT_NOT_FOUND'`: each code's value is its name. */
export const ErrorCode: { readonly [C in ErrorCode]: C } = Object.freeze(
  Object.fromEntries([...DEFINITIONS.keys()].map((code) => [code, code])) as { [C in ErrorCode]: C },
);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && DEFINITIONS.has(value);
}

/** The status and title a code is always answered with. */
export function errorDefinition(code: ErrorCode): ErrorDefinition {
  const definition = DEFINITIONS.get(code);
  if (!definition) throw new Error(`Unknown error code ${String(code)}`);
  return definition;
}
