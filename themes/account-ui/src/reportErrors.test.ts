import { describe, expect, it } from "vitest";
import { reportErrorKey } from "./reportErrors";

describe("reportErrorKey", () => {
  it("names the texts of the message's rules", () => {
    expect(reportErrorKey({ field: "message", message: "Say what happened.", rule: "required" })).toBe("studentReportMessageRequired");
    expect(reportErrorKey({ field: "message", message: "At most 4000 characters.", rule: "size" })).toBe("studentReportMessageTooLong");
    expect(reportErrorKey({ field: "message", message: "plain text", rule: "plain-text" })).toBe("studentReportMessagePlainText");
  });

  it("names the text of an entry that is not of the student's access log, and of too many entries", () => {
    expect(reportErrorKey({ field: "auditEntries[0]", message: "Not an entry of your record's access log.", rule: "own-record" }))
      .toBe("studentReportEntryNotOwn");
    expect(reportErrorKey({ field: "auditEntries", message: "At most 100 entries.", rule: "size" })).toBe("studentReportTooManyEntries");
  });

  it("knows no other field", () => {
    expect(reportErrorKey({ field: "outcome", message: "Required.", rule: "required" })).toBeUndefined();
    expect(reportErrorKey({ field: "auditEntriesExtra", message: "x" })).toBeUndefined();
  });
});
