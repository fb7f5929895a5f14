export { answered, apiClient, problemText, retryAfterOf } from "./api";
export type { Answered, ApiCall, CallOptions, Failure, Reply, TokenSource } from "./api";
export {
  decisionText,
  findingText,
  isKnownOutcome,
  isKnownReason,
  operationText,
  outcomeText,
  problemTypeText,
  reasonText,
} from "./codes";
export {
  endOfUtcDay,
  formatInstant,
  isLocalDate,
  parseInstant,
  parseLocalDate,
  startOfLocalDay,
  startOfNextLocalDay,
} from "./dates";
export { entryResultText, isImpersonated, outcomeOf } from "./entries";
export type { EntryResult, Outcome } from "./entries";
export { LANGUAGES, languageOf } from "./language";
export type { Language } from "./language";
export { useLoad } from "./load";
export type { Loaded } from "./load";
export { PageFrame } from "./PageFrame";
export { problemOf } from "./problem";
export type { FieldError, Problem } from "./problem";
export { clientText, statusText } from "./texts";
export type { ClientTextKey } from "./texts";
