/** How import jobs are processed; from the service's Env (IMPORT_BATCH_SIZE) and fixed retry rules. */
export interface ImportOptions {
  /** Rows per batch (one transaction each), plus the other rows of their family cards. */
  batchSize: number;
  /** Consecutive failed attempts of a batch after which the job is FAILED. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  retryDelayMs: number;
}

export const IMPORT_OPTIONS = Symbol('IMPORT_OPTIONS');
