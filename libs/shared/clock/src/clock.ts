import { Injectable } from '@nestjs/common';

/** The calendar date `YYYY-MM-DD` of an instant in a time zone, without going through local time. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * Where a service's "now" and "today" come from (its own time zone, e.g. Asia/Jakarta). Inject it instead of reading the wall clock,
 * so tests decide what day it is.
 */
export abstract class Clock {
  constructor(readonly timeZone: string) {}

  abstract now(): Date;

  /** The service's calendar date, `YYYY-MM-DD`, in its time zone. */
  today(): string {
    return calendarDate(this.now(), this.timeZone);
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
