import { ServiceEnv } from '@terpadu/service-kit';
import { IsInt, Min } from 'class-validator';

/** The health service's configuration: the kit's variables and its own. */
export class Env extends ServiceEnv {
  /**
   * How often the overdue-immunization scan runs (every replica runs it; each overdue dose is
   * published once). The first scan runs a few seconds after boot. 0 turns the scan off.
   */
  @IsInt()
  @Min(0)
  OVERDUE_SCAN_INTERVAL_MS: number = 86_400_000;
}
