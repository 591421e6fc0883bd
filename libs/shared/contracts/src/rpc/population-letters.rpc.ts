import type { ActorRequest } from '../common/actor';
import type {
  DraftLetterDto,
  LetterPageView,
  LetterPdfView,
  LetterVerificationView,
  LetterView,
  RevokeLetterDto,
  SearchLettersDto,
  SignLetterDto,
} from '../population/letter.dto';

export const POPULATION_LETTERS_DRAFT = 'rpc.population.letters.draft' as const;
export const POPULATION_LETTERS_GET = 'rpc.population.letters.get' as const;
export const POPULATION_LETTERS_SEARCH = 'rpc.population.letters.search' as const;
export const POPULATION_LETTERS_SIGN = 'rpc.population.letters.sign' as const;
export const POPULATION_LETTERS_REVOKE = 'rpc.population.letters.revoke' as const;
export const POPULATION_LETTERS_PDF = 'rpc.population.letters.pdf' as const;
export const POPULATION_LETTERS_VERIFY = 'rpc.population.letters.verify' as const;

export interface PopulationLettersRpcMap {
  [POPULATION_LETTERS_DRAFT]: { request: ActorRequest & { letter: DraftLetterDto }; response: LetterView };
  [POPULATION_LETTERS_GET]: { request: ActorRequest & { id: string }; response: LetterView };
  [POPULATION_LETTERS_SEARCH]: {
    request: ActorRequest & { query: SearchLettersDto };
    response: LetterPageView;
  };
  [POPULATION_LETTERS_SIGN]: {
    request: ActorRequest & { id: string; signing: SignLetterDto };
    response: LetterView;
  };
  [POPULATION_LETTERS_REVOKE]: {
    request: ActorRequest & { id: string; revocation: RevokeLetterDto };
    response: LetterView;
  };
  /** The PDF as base64 (a letter is a few tens of kB, far below the NATS payload limit). */
  [POPULATION_LETTERS_PDF]: { request: ActorRequest & { id: string }; response: LetterPdfView };
  /** Public: no actor. `requestId` ties the access record to the gateway's request. */
  [POPULATION_LETTERS_VERIFY]: {
    request: { code: string; requestId?: string };
    response: LetterVerificationView;
  };
}
