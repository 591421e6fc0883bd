/**
 * What a code means over HTTP: the status it is always answered with and the problem+json `title`,
 * the same sentence for every occurrence of the code (the `detail` says what happened this time).
 */
export interface ErrorDefinition {
  readonly status: number;
  readonly title: string;
}

/** The codes of one domain, each with its definition. A code's name is its wire value. */
export type ErrorDomain = Readonly<Record<string, ErrorDefinition>>;

/** Checks a domain's table without widening its codes to `string`. */
export function defineErrors<const T extends ErrorDomain>(domain: T): T {
  return domain;
}
