import { Clock } from '@terpadu/clock';

/** A clock the test moves by hand. Starts on 2026-11-30 10:00 in Jakarta (03:00 UTC). */
export class TestClock extends Clock {
  private current: Date;

  constructor(start: Date | string = '2026-11-30T03:00:00.000Z', timeZone = 'Asia/Jakarta') {
    super(timeZone);
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  /** Jumps to 10:00 in Jakarta on the given calendar day. */
  setDay(date: string): void {
    this.current = new Date(`${date}T03:00:00.000Z`);
  }
}
