import { QueryFailedError } from 'typeorm';

interface PgDriverError extends Error {
  code?: string;
  constraint?: string;
}

/** True when `error` is PostgreSQL's unique violation (23505) of the named constraint or unique index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as PgDriverError;
  return driverError.code === '23505' && driverError.constraint === constraint;
}
