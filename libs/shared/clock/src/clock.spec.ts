import { calendarDate, Clock } from './clock';

class StoppedClock extends Clock {
  constructor(
    private readonly instant: Date,
    timeZone: string,
  ) {
    super(timeZone);
  }
  now(): Date {
    return this.instant;
  }
}

describe(Clock.name, () => {
  it('gives today in the registry time zone, not in UTC', () => {
    // 2026-11-30 18:30 UTC is already 1 December in Jakarta (UTC+7) and Jayapura (UTC+9).
    const instant = new Date('2026-11-30T18:30:00Z');
    expect(new StoppedClock(instant, 'Asia/Jakarta').today()).toBe('2026-12-01');
    expect(new StoppedClock(instant, 'Asia/Jayapura').today()).toBe('2026-12-01');
    expect(new StoppedClock(instant, 'UTC').today()).toBe('2026-11-30');
  });

  it('keeps the date of an instant just before local midnight', () => {
    expect(new StoppedClock(new Date('2026-11-30T16:59:59.999Z'), 'Asia/Jakarta').today()).toBe('2026-11-30');
  });
});

describe(calendarDate.name, () => {
  it('pads years, months and days', () => {
    expect(calendarDate(new Date('0945-01-05T00:00:00Z'), 'UTC')).toBe('0945-01-05');
  });
});
