import type { ActorRequest } from '../common/actor';
import type { CheckupListView, CheckupView, RecordCheckupDto } from '../health/checkup.dto';
import type { HealthSummaryLevel } from '../health/enums';
import type { HealthSummaryView } from '../health/health-summary.dto';
import type {
  ImmunizationRecordView,
  RecordImmunizationDto,
  ResidentImmunizationsView,
} from '../health/immunization.dto';
import type { InsuranceView, SetInsuranceDto } from '../health/insurance.dto';
import type {
  PregnancyListView,
  PregnancyView,
  RecordAncVisitDto,
  RecordDeliveryDto,
  RegisterPregnancyDto,
} from '../health/pregnancy.dto';

export const HEALTH_IMMUNIZATIONS_RECORD = 'rpc.health.immunizations.record' as const;
export const HEALTH_IMMUNIZATIONS_GET = 'rpc.health.immunizations.get' as const;
export const HEALTH_PREGNANCIES_REGISTER = 'rpc.health.pregnancies.register' as const;
export const HEALTH_PREGNANCIES_LIST = 'rpc.health.pregnancies.list' as const;
export const HEALTH_PREGNANCIES_RECORD_VISIT = 'rpc.health.pregnancies.record-visit' as const;
export const HEALTH_PREGNANCIES_RECORD_DELIVERY = 'rpc.health.pregnancies.record-delivery' as const;
export const HEALTH_CHECKUPS_RECORD = 'rpc.health.checkups.record' as const;
export const HEALTH_CHECKUPS_LIST = 'rpc.health.checkups.list' as const;
export const HEALTH_INSURANCE_SET = 'rpc.health.insurance.set' as const;
export const HEALTH_INSURANCE_GET = 'rpc.health.insurance.get' as const;
export const HEALTH_SUMMARY_GET = 'rpc.health.summary.get' as const;

export interface HealthRpcMap {
  [HEALTH_IMMUNIZATIONS_RECORD]: {
    request: ActorRequest & { immunization: RecordImmunizationDto };
    response: ImmunizationRecordView;
  };
  [HEALTH_IMMUNIZATIONS_GET]: {
    request: ActorRequest & { nik: string };
    response: ResidentImmunizationsView;
  };
  [HEALTH_PREGNANCIES_REGISTER]: {
    request: ActorRequest & { pregnancy: RegisterPregnancyDto };
    response: PregnancyView;
  };
  [HEALTH_PREGNANCIES_LIST]: { request: ActorRequest & { nik: string }; response: PregnancyListView };
  [HEALTH_PREGNANCIES_RECORD_VISIT]: {
    request: ActorRequest & { pregnancyId: string; visit: RecordAncVisitDto };
    response: PregnancyView;
  };
  [HEALTH_PREGNANCIES_RECORD_DELIVERY]: {
    request: ActorRequest & { pregnancyId: string; delivery: RecordDeliveryDto };
    response: PregnancyView;
  };
  [HEALTH_CHECKUPS_RECORD]: { request: ActorRequest & { checkup: RecordCheckupDto }; response: CheckupView };
  [HEALTH_CHECKUPS_LIST]: { request: ActorRequest & { nik: string }; response: CheckupListView };
  [HEALTH_INSURANCE_SET]: {
    request: ActorRequest & { nik: string; membership: SetInsuranceDto };
    response: InsuranceView;
  };
  [HEALTH_INSURANCE_GET]: { request: ActorRequest & { nik: string }; response: InsuranceView };
  /** The health section of the resident overview; DETAIL only for health workers (and admin). */
  [HEALTH_SUMMARY_GET]: {
    request: ActorRequest & { nik: string; level: HealthSummaryLevel };
    response: HealthSummaryView;
  };
}
