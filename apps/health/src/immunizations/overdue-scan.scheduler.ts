import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { OverdueScanService } from './overdue-scan.service';

export const OVERDUE_SCAN_INTERVAL_MS = Symbol('OVERDUE_SCAN_INTERVAL_MS');

/** The first scan runs this long after boot, once the consumers and the relay are up. */
const FIRST_SCAN_DELAY_MS = 5000;

/**
 * Runs the overdue scan every OVERDUE_SCAN_INTERVAL_MS (daily by default; 0 turns it off), in every
 * replica: the scan itself makes each dose's event unique. A scan still running when the next one
 * is due is not doubled; shutdown waits for the running scan.
 */
@Injectable()
export class OverdueScanScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OverdueScanScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(OVERDUE_SCAN_INTERVAL_MS) private readonly intervalMs: number,
    private readonly scan: OverdueScanService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule(Math.min(FIRST_SCAN_DELAY_MS, this.intervalMs));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    try {
      const announced = await this.scan.scan();
      if (announced > 0) this.logger.log(`Overdue scan: ${announced} doses became overdue`);
    } catch (error) {
      this.logger.error(`Overdue scan failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
