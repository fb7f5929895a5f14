import type { Language } from "@student-records/shared";

/** A purpose's text in each language of the screens, as the realm's consent purposes keep them. */
export type PurposeTexts = Partial<Record<Language, string>>;

/**
 * One purpose of a student's consents, as GET /me/consents and a child's consents answer: the purpose's id and texts,
 * the current status, in which role it was decided last (STUDENT or GUARDIAN; {@code by} is a user id, never shown)
 * and when, under which version of the text, and the outside bodies whose grants rely on it.
 */
export type Consent = {
  purpose: string;
  status?: string | null;
  byRole?: string | null;
  at?: string | null;
  textVersion?: number | null;
  title?: PurposeTexts | string | null;
  /** The purpose's text in each language, as the realm's consent purposes keep it ({"en", "zh-CN"}). */
  texts?: PurposeTexts | null;
  text?: PurposeTexts | string | null;
  /** The outside bodies (client ids) whose active grants covering the student rely on this consent. */
  reliedOnBy?: string[] | null;
};

export type ConsentStatus = "GIVEN" | "WITHDRAWN" | "NONE";

/** The status of a consent; anything but GIVEN or WITHDRAWN counts as never decided, so nothing is shown as given that is not. */
export function consentStatus(consent: Consent): ConsentStatus {
  return consent.status === "GIVEN" || consent.status === "WITHDRAWN" ? consent.status : "NONE";
}

function inLanguage(texts: PurposeTexts | string | null | undefined, language: Language): string | undefined {
  if (typeof texts === "string") {
    return texts.trim() || undefined;
  }
  return texts?.[language]?.trim() || texts?.en?.trim() || undefined;
}

/** What a purpose is for, in the language: its title, else its text, else its id (never nothing). */
export function purposeText(consent: Consent, language: Language): string {
  return inLanguage(consent.title, language) ?? inLanguage(consent.texts, language) ?? inLanguage(consent.text, language)
    ?? consent.purpose;
}

/** The problem types by which the API says that someone else decides this student's consents (the age rule). */
const DECIDED_BY_OTHER = ["guardian-consent-required", "student-consents-themselves"];

/**
 * Whether a refused change of a consent means that the caller does not decide this student's consents at all (under
 * 14 the guardian does, from 14 the student): then no consent of the list is theirs to change.
 */
export function decidedByOther(problemType: string | undefined): boolean {
  const slug = problemType?.replace(/[?#].*$/, "").split("/").pop();
  return slug !== undefined && DECIDED_BY_OTHER.includes(slug);
}
