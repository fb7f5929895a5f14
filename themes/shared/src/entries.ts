import { decisionText, isKnownOutcome, outcomeText, reasonText } from "./codes";
import type { Language } from "./language";

/** What came of a call, as its audit entry tells it. */
export type Outcome = "DONE" | "NOT_DONE" | "DENIED";

/** What every audited entry says about how a call ended (GET /me/access-log, /audit, /grants/{id}/uses, ...). */
export type EntryResult = {
  /** ALLOW or DENY: what the access decision was. */
  decision: string;
  /** DONE, NOT_DONE or DENIED; missing in entries of a server from before outcomes. */
  outcome?: string | null;
  reason?: string | null;
  /** The Keycloak user id of an administrator who impersonated the person, or null. */
  impersonator?: string | null;
};

/** The outcome an entry tells, if it tells one this client knows. */
export function outcomeOf(entry: EntryResult): Outcome | undefined {
  return isKnownOutcome(entry.outcome) ? (entry.outcome as Outcome) : undefined;
}

/**
 * How an entry ended, in one line: its outcome and its reason, e.g. "Not done, nothing was changed (The record had
 * changed in the meantime)", "未完成，未作任何改动（档案在此期间已被修改）". An entry without an outcome (written before the server told them) says only what was
 * decided, "Allowed" or "Refused": never that something was done when the entry does not say so.
 */
export function entryResultText(entry: EntryResult, language: Language): string {
  const outcome = outcomeOf(entry);
  const head = outcome ? outcomeText(outcome, language) : decisionText(entry.decision, language);
  if (!entry.reason) {
    return head;
  }
  const reason = reasonText(entry.reason, language);
  return language === "zh-CN" ? `${head}（${reason}）` : `${head} (${reason})`;
}

/** Whether an administrator impersonated the person the entry names. */
export function isImpersonated(entry: EntryResult): boolean {
  return typeof entry.impersonator === "string" && entry.impersonator.length > 0;
}
