import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** A resident's family card changed between reading it and locking it: run the transaction again. */
export class MembershipMovedError extends Error {
  constructor() {
    super('the family card membership changed while it was being locked');
    this.name = 'MembershipMovedError';
  }
}

const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

function isRetryable(error: unknown): boolean {
  if (error instanceof MembershipMovedError) return true;
  if (!(error instanceof QueryFailedError)) return false;
  return RETRYABLE_SQLSTATES.has((error.driverError as { code?: string }).code ?? '');
}

/**
 * One transaction for one change, run again (up to `attempts` times) when PostgreSQL chose it as a
 * deadlock victim or a membership moved under it: nothing of a failed attempt is kept, so a retry
 * is as if the request had come a moment later.
 */
export async function transactionWithRetry<T>(
  dataSource: DataSource,
  work: (m: EntityManager) => Promise<T>,
  o: { attempts?: number; alsoRetry?: (error: unknown) => boolean } = {},
): Promise<T> {
  const attempts = o.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !(isRetryable(error) || o.alsoRetry?.(error) === true)) throw error;
    }
  }
}
