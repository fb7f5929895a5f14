import decisionsEn from "../codes/decisions.en.json";
import decisionsZh from "../codes/decisions.zh-CN.json";
import findingsEn from "../codes/findings.en.json";
import findingsZh from "../codes/findings.zh-CN.json";
import operationsEn from "../codes/operations.en.json";
import operationsZh from "../codes/operations.zh-CN.json";
import outcomesEn from "../codes/outcomes.en.json";
import outcomesZh from "../codes/outcomes.zh-CN.json";
import problemsEn from "../codes/problems.en.json";
import problemsZh from "../codes/problems.zh-CN.json";
import reasonsEn from "../codes/reasons.en.json";
import reasonsZh from "../codes/reasons.zh-CN.json";
import type { Language } from "./language";
import { type ClientTextKey, clientText } from "./texts";

/**
 * The texts of the API's stable codes (audit operations, refusal reasons, self-check findings, decisions, outcomes,
 * problem types), from the JSON files in shared/codes/, one object code -> text per kind and language. A code without a text shows as a
 * generic text of its kind, never as the code itself.
 */
type Texts = Record<string, string>;
type Kind = { texts: Record<Language, Texts>; other: ClientTextKey };

const OPERATIONS: Kind = { texts: { en: operationsEn, "zh-CN": operationsZh }, other: "otherOperation" };
const REASONS: Kind = { texts: { en: reasonsEn, "zh-CN": reasonsZh }, other: "otherReason" };
const FINDINGS: Kind = { texts: { en: findingsEn, "zh-CN": findingsZh }, other: "otherFinding" };
const DECISIONS: Kind = { texts: { en: decisionsEn, "zh-CN": decisionsZh }, other: "otherDecision" };
const OUTCOMES: Kind = { texts: { en: outcomesEn, "zh-CN": outcomesZh }, other: "otherOutcome" };
const PROBLEMS: Record<Language, Texts> = { en: problemsEn, "zh-CN": problemsZh };

function textOf(kind: Kind, code: string | null | undefined, language: Language): string {
  const texts = kind.texts[language];
  return code && Object.hasOwn(texts, code) ? texts[code] : clientText(language, kind.other);
}

/** What an audit entry's operation code means, e.g. TOKEN_CLAIMS. */
export const operationText = (code: string | null | undefined, language: Language) => textOf(OPERATIONS, code, language);

/** Why something was refused (or how an allowed call ended), e.g. SCOPE_MISSING. */
export const reasonText = (code: string | null | undefined, language: Language) => textOf(REASONS, code, language);

/** What a self-check found, e.g. BULK_READING. */
export const findingText = (code: string | null | undefined, language: Language) => textOf(FINDINGS, code, language);

/** What was decided: ALLOW or DENY. */
export const decisionText = (code: string | null | undefined, language: Language) => textOf(DECISIONS, code, language);

/** What came of a call: DONE, NOT_DONE (allowed, but nothing was changed) or DENIED. */
export const outcomeText = (code: string | null | undefined, language: Language) => textOf(OUTCOMES, code, language);

/** Whether the code of an outcome has a text of its own. */
export function isKnownOutcome(code: string | null | undefined): boolean {
  return !!code && Object.hasOwn(OUTCOMES.texts.en, code);
}

/** Whether the code of a refusal reason has a text of its own. */
export function isKnownReason(code: string | null | undefined): boolean {
  return !!code && Object.hasOwn(REASONS.texts.en, code);
}

/**
 * What a problem type means, by the last segment of its URI (".../problems/four-eyes"), for the types whose
 * answer says more than the status and the refusal code (four-eyes, impersonated, search-catching-up); undefined for
 * any other.
 */
export function problemTypeText(type: string | null | undefined, language: Language): string | undefined {
  const slug = type?.replace(/[?#].*$/, "").split("/").pop();
  return slug && Object.hasOwn(PROBLEMS.en, slug) ? PROBLEMS[language][slug] : undefined;
}
