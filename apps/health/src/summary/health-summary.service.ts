import { Injectable } from '@nestjs/common';
import { type Actor, HealthSummaryLevel, type HealthSummaryView } from '@terpadu/contracts';
import { DataSource } from 'typeorm';
import { AccessLogService, invalidField } from '@terpadu/service-kit';
import { DataAccessAction } from '../access-log/data-access-action';
import { Clock } from '@terpadu/clock';
import { assertCanReadDetails } from '../common/health-roles';
import { ImmunizationsService } from '../immunizations/immunizations.service';
import { InsuranceService } from '../insurance/insurance.service';
import { PersonsService } from '@terpadu/person-projection';
import { PregnanciesService } from '../pregnancies/pregnancies.service';

/**
 * The health section of the resident overview: immunization (complete basic, up to date, next
 * dose), the active pregnancy and insurance status, in one read transaction. The gateway asks for
 * the level the caller's roles allow; DETAIL is refused here too unless the caller reads details.
 */
@Injectable()
export class HealthSummaryService {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly immunizations: ImmunizationsService,
    private readonly insurance: InsuranceService,
    private readonly persons: PersonsService,
    private readonly pregnancies: PregnanciesService,
  ) {}

  async get(actor: Actor, nik: string, level: HealthSummaryLevel): Promise<HealthSummaryView> {
    if (!Object.values(HealthSummaryLevel).includes(level))
      throw invalidField(
        'level',
        'isEnum',
        `level must be one of ${Object.values(HealthSummaryLevel).join(', ')}`,
      );
    if (level === HealthSummaryLevel.Detail) assertCanReadDetails(actor);
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const person = await this.persons.findInJurisdiction(m, actor, nik);
      const view: HealthSummaryView = {
        level,
        asOf: this.clock.today(),
        immunization: await this.immunizations.summary(m, person, level),
        pregnancy: await this.pregnancies.summary(m, person, level),
        insurance: await this.insurance.summary(m, person, level),
      };
      await this.accessLog.record(m, {
        actor,
        action:
          level === HealthSummaryLevel.Detail
            ? DataAccessAction.SummaryDetailRead
            : DataAccessAction.SummaryRead,
        residentIds: [person.residentId],
      });
      return view;
    });
  }
}
