import type { Language } from "@student-records/shared";
import {
  clientText,
  isKnownReason,
  problemTypeText,
  type Reply,
  reasonText,
} from "@student-records/shared/api";

/** The label of a field the API names by its path, or undefined for a field the centre has no label for. */
export type FieldLabel = (path: string) => string | undefined;

/** A field path without its list positions: {@code purposes[2]} is the field {@code purposes}. */
export function fieldOf(path: string): string {
  return path.replace(/\[\d+\]/g, "");
}

/**
 * The one line the centre shows for a call that did not go through, in plain words of the user's language: what failed
 * on the way, the text of a problem type or refusal code the apps know, else the API's own detail (which it words in
 * the language the centre asks for). Field errors follow by their labels, never by their JSON paths; a field without
 * a label is "another field". Never an HTTP status.
 */
export function plainProblemText(reply: Reply<unknown>, language: Language, label: FieldLabel, otherField: string): string {
  switch (reply.failure) {
    case "network":
    case "aborted":
      return clientText(language, "networkError");
    case "session":
      return clientText(language, "sessionEnded");
    case "not-json":
      return clientText(language, "failed");
    default:
      break;
  }
  const problem = reply.problem;
  const typeText = problemTypeText(problem?.type, language);
  const main =
    typeText ??
    (isKnownReason(problem?.reason) ? reasonText(problem?.reason, language) : undefined) ??
    problem?.detail ??
    problem?.title ??
    clientText(language, "failed");
  const separator = language === "en" ? ": " : "：";
  const fields = (problem?.errors ?? []).map((e) => `${label(fieldOf(e.field)) ?? otherField}${separator}${e.message}`);
  return [main, ...fields].join(language === "en" ? " " : "");
}
