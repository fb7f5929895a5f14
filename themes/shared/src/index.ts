export { answered, apiClient, problemText } from "./api";
export type { Answered, ApiCall, CallOptions, Failure, Reply, TokenSource } from "./api";
export { decisionText, findingText, isKnownReason, operationText, reasonText } from "./codes";
export {
  endOfUtcDay,
  formatInstant,
  isLocalDate,
  parseInstant,
  parseLocalDate,
  startOfLocalDay,
  startOfNextLocalDay,
} from "./dates";
export { LANGUAGES, languageOf } from "./language";
export type { Language } from "./language";
export { useLoad } from "./load";
export type { Loaded } from "./load";
export { PageFrame } from "./PageFrame";
export { problemOf } from "./problem";
export type { FieldError, Problem } from "./problem";
export { clientText, statusText } from "./texts";
export type { ClientTextKey } from "./texts";
