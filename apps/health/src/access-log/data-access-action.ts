/** What was done with a person's health data; one value per RPC that reads or writes it. */
export enum DataAccessAction {
  ImmunizationRecord = 'IMMUNIZATION_RECORD',
  ImmunizationsRead = 'IMMUNIZATIONS_READ',
  PregnancyRegister = 'PREGNANCY_REGISTER',
  PregnancyVisitRecord = 'PREGNANCY_VISIT_RECORD',
  PregnancyDeliveryRecord = 'PREGNANCY_DELIVERY_RECORD',
  PregnanciesRead = 'PREGNANCIES_READ',
  CheckupRecord = 'CHECKUP_RECORD',
  CheckupsRead = 'CHECKUPS_READ',
  InsuranceSet = 'INSURANCE_SET',
  InsuranceRead = 'INSURANCE_READ',
  SummaryRead = 'SUMMARY_READ',
  SummaryDetailRead = 'SUMMARY_DETAIL_READ',
}
