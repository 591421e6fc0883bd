import { IsDateString, Matches } from 'class-validator';

/** class-validator decorator: a calendar date `YYYY-MM-DD` that exists (no 31 February), never a timestamp. */
export function IsCalendarDate(): PropertyDecorator {
  const message = ({ property }: { property: string }) => `${property} must be a date YYYY-MM-DD`;
  const decorators = [
    IsDateString({ strict: true }, { message }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message }),
  ];
  return (target: object, propertyName: string | symbol) => {
    for (const decorate of decorators) decorate(target, propertyName);
  };
}
