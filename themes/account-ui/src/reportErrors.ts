import type { FieldError, Language, Reply } from "@student-records/shared";
// The client alone, without the shared components (whose PatternFly styles a unit test cannot load).
import { problemText } from "@student-records/shared/api";
import { type Voice, voiced } from "./components/voice";

/**
 * The key of the account theme's message for a field error of a report (POST /me/reports, or a child's reports for a
 * guardian), so that the person reads why the report was not sent in their language; undefined for a field or rule
 * this page does not know.
 */
export function reportErrorKey(error: FieldError, voice: Voice = "student"): string | undefined {
  if (error.field === "message") {
    if (error.rule === "required") return "studentReportMessageRequired";
    if (error.rule === "size") return "studentReportMessageTooLong";
    return "studentReportMessagePlainText";
  }
  if (error.field === "auditEntries" || error.field.startsWith("auditEntries[")) {
    return error.rule === "size" ? "studentReportTooManyEntries" : voiced("reportEntryNotOwn", voice);
  }
  if (error.field === "kind") {
    return "guardianReportKindRequired";
  }
  return undefined;
}

/** Why a report was not sent, as a page shows it: a title, the lines of the broken fields, whether the message is one. */
export type ReportRefusal = { title: string; lines: string[]; atMessage: boolean };

/**
 * Why the server refused a report, in the person's language: each broken field's own text where the page knows the
 * field, the server's message in English otherwise (a general line in Chinese), and without field errors the
 * problem's one line.
 */
export function reportRefusal(reply: Reply<unknown>, voice: Voice, t: (key: string) => string, language: Language): ReportRefusal {
  const fields = reply.problem?.errors ?? [];
  const lines = [...new Set(fields.map((e) => {
    const key = reportErrorKey(e, voice);
    return key ? t(key) : language === "en" ? e.message : t("studentReportFieldInvalid");
  }))];
  return lines.length > 0
    ? { title: t("studentReportNotSent"), lines, atMessage: fields.some((e) => e.field === "message") }
    : { title: problemText(reply, language), lines: [], atMessage: false };
}
