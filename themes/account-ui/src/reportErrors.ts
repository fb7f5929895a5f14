import type { FieldError } from "@student-records/shared";

/**
 * The key of the account theme's message for a field error of POST /me/reports, so that the student reads why the
 * report was not sent in their language; undefined for a field or rule this page does not know.
 */
export function reportErrorKey(error: FieldError): string | undefined {
  if (error.field === "message") {
    if (error.rule === "required") return "studentReportMessageRequired";
    if (error.rule === "size") return "studentReportMessageTooLong";
    return "studentReportMessagePlainText";
  }
  if (error.field === "auditEntries" || error.field.startsWith("auditEntries[")) {
    return error.rule === "size" ? "studentReportTooManyEntries" : "studentReportEntryNotOwn";
  }
  return undefined;
}
