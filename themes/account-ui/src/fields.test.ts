import { describe, expect, it } from "vitest";
import { fieldLabel, keepTyped, profileValue, serverChanges } from "./fields";

const t = (key: string, options?: Record<string, unknown>) =>
  options && Object.keys(options).length > 0 ? `${key}${JSON.stringify(options)}` : key;

describe("a field a problem names", () => {
  it("reads as the form's label, never as its path", () => {
    expect(fieldLabel("contact.mobilePhone", t)).toBe('studentRecordField.contact.mobilePhone{"defaultValue":"studentRecordFieldOther"}');
    expect(fieldLabel("guardians[1].phone", t)).toContain('"number":2');
    expect(fieldLabel("guardians[1].phone", t)).toContain("studentRecordField.guardians.phone");
    expect(fieldLabel("reason", t)).toBe("studentRecordCorrectionReason");
    expect(fieldLabel("guardians[0]", t)).toBe('studentRecordGuardianEntry{"number":1}');
  });
});

describe("a profile value", () => {
  it("is translated where it is a code", () => {
    expect(profileValue("gender", "FEMALE", t)).toBe('studentRecordValue.gender.FEMALE{"defaultValue":"FEMALE"}');
    expect(profileValue("status", "ENROLLED", t)).toBe('studentRecordValue.status.ENROLLED{"defaultValue":"ENROLLED"}');
    expect(profileValue("name", "FEMALE", t)).toBe("FEMALE");
  });
});

describe("what the server changed meanwhile", () => {
  it("lists each changed contact and guardian field with its values before and after", () => {
    const before = { contact: { mobilePhone: "13800000001", homeAddress: "A" }, guardians: [] };
    const after = {
      contact: { mobilePhone: "13800000002", homeAddress: "A", email: null },
      guardians: [{ name: "G", relationship: "MOTHER", phone: "1", emergencyContact: true }],
    };
    expect(serverChanges(before, after)).toEqual([
      { field: "contact.mobilePhone", before: "13800000001", after: "13800000002" },
      { field: "guardians[0].name", before: "", after: "G" },
      { field: "guardians[0].relationship", before: "", after: "MOTHER" },
      { field: "guardians[0].phone", before: "", after: "1" },
      { field: "guardians[0].emergencyContact", before: "", after: "true" },
    ]);
    expect(serverChanges(before, before)).toEqual([]);
  });
});

describe("a form after a save came too late", () => {
  it("keeps what the person typed and takes the server's value for everything else", () => {
    const g = { name: "G", relationship: "MOTHER", phone: "1", emergencyContact: true };
    const before = { contact: { mobilePhone: "1", homeAddress: "Old", email: "" }, guardians: [g] };
    const typed = { contact: { mobilePhone: "2", homeAddress: "Old", email: "" }, guardians: [g] };
    const now = { contact: { mobilePhone: "1", homeAddress: "New", email: "" }, guardians: [{ ...g, phone: "9" }] };
    expect(keepTyped(before, typed, now)).toEqual({
      contact: { mobilePhone: "2", homeAddress: "New", email: "" },
      guardians: [{ ...g, phone: "9" }],
    });
    const typedGuardian = { ...typed, guardians: [{ ...g, name: "H" }] };
    expect(keepTyped(before, typedGuardian, now).guardians).toEqual([{ ...g, name: "H" }]);
  });
});
