/** What was done with a person's data; one value per RPC that reads or writes it. */
export enum DataAccessAction {
  ResidentRegister = 'RESIDENT_REGISTER',
  ResidentRead = 'RESIDENT_READ',
  ResidentSearch = 'RESIDENT_SEARCH',
  ResidentCorrect = 'RESIDENT_CORRECT',
  ResidentHistoryRead = 'RESIDENT_HISTORY_READ',
  FamilyCardCreate = 'FAMILY_CARD_CREATE',
  FamilyCardRead = 'FAMILY_CARD_READ',
  FamilyCardAddMember = 'FAMILY_CARD_ADD_MEMBER',
  FamilyCardRemoveMember = 'FAMILY_CARD_REMOVE_MEMBER',
}
