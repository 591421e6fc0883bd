import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class EnvValidationError extends Error {
  constructor(readonly variables: string[]) {
    super(`Invalid or missing environment variables: ${variables.join(', ')}`);
    this.name = 'EnvValidationError';
  }
}

function collect(errors: ValidationError[], out: string[] = []): string[] {
  for (const error of errors) {
    if (error.constraints) {
      // Name the variable and the rule, never the value: the value may be a secret.
      out.push(`${error.property} (${Object.keys(error.constraints).join(', ')})`);
    }
    if (error.children?.length) collect(error.children, out);
  }
  return out;
}

/**
 * Turns `process.env` (or any record) into an instance of `EnvClass`, converting numbers and
 * booleans, and throws an error that names each bad variable (never its value).
 * Use as `ConfigModule.forRoot({ validate: (raw) => validateEnv(Env, raw) })`.
 */
export function validateEnv<T extends object>(EnvClass: new () => T, raw: Record<string, unknown>): T {
  const env = plainToInstance(EnvClass, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(env, {
    skipMissingProperties: false,
    whitelist: false,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new EnvValidationError(collect(errors));
  return env;
}
