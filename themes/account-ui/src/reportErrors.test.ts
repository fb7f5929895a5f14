import { describe, expect, it } from "vitest";
import { reportErrorKey, reportRefusal } from "./reportErrors";

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

  it("tells a guardian that the access is not in the child's access log, and that a report needs its kind", () => {
    expect(reportErrorKey({ field: "auditEntries[0]", message: "Not an entry of this record's access log.", rule: "own-record" }, "guardian"))
      .toBe("guardianReportEntryNotOwn");
    expect(reportErrorKey({ field: "kind", message: "Must be MISUSE or QUESTION.", rule: "one-of" }, "guardian"))
      .toBe("guardianReportKindRequired");
  });

  it("knows no other field", () => {
    expect(reportErrorKey({ field: "outcome", message: "Required.", rule: "required" })).toBeUndefined();
    expect(reportErrorKey({ field: "auditEntriesExtra", message: "x" })).toBeUndefined();
  });
});

describe("reportRefusal", () => {
  const t = (key: string) => `text of ${key}`;
  const refused = (errors: { field: string; message: string; rule?: string }[]) => ({
    status: 422, ok: false, etag: null, body: undefined, problem: { status: 422, title: "Invalid", errors },
  });

  it("says each broken field once, in the person's language, and whether the message is one", () => {
    const reply = refused([
      { field: "message", message: "Plain text only.", rule: "plain-text" },
      { field: "message", message: "Still plain text only.", rule: "plain-text" },
    ]);
    expect(reportRefusal(reply, "guardian", t, "zh-CN")).toEqual({
      title: "text of studentReportNotSent", lines: ["text of studentReportMessagePlainText"], atMessage: true,
    });
  });

  it("shows an unknown field's own message in English and a general line in Chinese", () => {
    const reply = refused([{ field: "other", message: "Something about other." }]);
    expect(reportRefusal(reply, "student", t, "en").lines).toEqual(["Something about other."]);
    expect(reportRefusal(reply, "student", t, "zh-CN").lines).toEqual(["text of studentReportFieldInvalid"]);
  });

  it("says the problem's one line when no field is named", () => {
    const reply = { status: 403, ok: false, etag: null, body: undefined, problem: { status: 403, type: "https://student-records.example/problems/impersonated" } };
    expect(reportRefusal(reply, "guardian", t, "en")).toEqual({
      title: "Not while impersonating: sign in as yourself to do this", lines: [], atMessage: false,
    });
  });
});
