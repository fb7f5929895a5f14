import { describe, expect, it } from "vitest";
import { actorKindText, actorKinds, actorText, clientName } from "./actors";

/** A translation that shows the key and its values, as the checks read them. */
const t = (key: string, options?: Record<string, unknown>) =>
  options && Object.keys(options).length > 0 ? `${key}${JSON.stringify(options)}` : key;

describe("who acted in an access-log entry", () => {
  it("is you for the student's own calls, whatever the client", () => {
    expect(actorText({ clientId: "account-console", subject: "u1", actor: { kind: "YOU", clientName: "${client_account-console}" } }, t))
      .toBe("studentAccessLogYou");
  });

  it("is the guardian with the relationship in the person's language and the username", () => {
    expect(actorText({ clientId: "portal", actor: { kind: "GUARDIAN", username: "grace", relationship: "MOTHER" } }, t))
      .toBe('studentAccessLogGuardian{"relationship":"studentRecordRelationship.MOTHER{\\"defaultValue\\":\\"MOTHER\\"}","username":"grace"}');
  });

  it("is staff by role and unit, never by name", () => {
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-staff", unit: "OWN", unitPath: "/a/b" } }, t))
      .toBe("studentAccessLogStaffOwnUnit");
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-staff", unit: "ABOVE", unitPath: "/a" } }, t))
      .toBe('studentAccessLogStaffAboveUnit{"unit":"/a"}');
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-admin" } }, t)).toBe("studentAccessLogAdmin");
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-staff" } }, t)).toBe("studentAccessLogStaff");
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF" } }, t)).toBe("studentAccessLogSchoolPerson");
    // Someone without a product role (another student trying the record) is never described as staff.
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "PERSON" } }, t)).toBe("studentAccessLogOtherPerson");
  });

  it("is the application by its name", () => {
    expect(actorText({ clientId: "library-app", actor: { kind: "APPLICATION", clientName: "Library" } }, t))
      .toBe('studentAccessLogApplication{"client":"Library"}');
  });

  it("says a person or an application through the client where the log describes no actor", () => {
    expect(actorText({ clientId: "portal", subject: "s" }, t)).toBe('studentAccessLogPerson{"client":"portal"}');
    expect(actorText({ clientId: "portal" }, t)).toBe('studentAccessLogApplication{"client":"portal"}');
  });

  it("names a client by its translated display name, never as ${key}", () => {
    expect(clientName({ clientId: "account-console", actor: { kind: "YOU", clientName: "${client_account-console}" } }, t))
      .toBe('client_account-console{"defaultValue":"account-console"}');
    expect(clientName({ clientId: "library-app", actor: { kind: "APPLICATION", clientName: "Library" } }, t)).toBe("Library");
    expect(clientName({ clientId: "library-app" }, t)).toBe("library-app");
  });

  it("speaks to a guardian of the child, another guardian and the child's class", () => {
    expect(actorText({ clientId: "portal", subject: "g", actor: { kind: "YOU" } }, t, "guardian")).toBe("studentAccessLogYou");
    expect(actorText({ clientId: "portal", subject: "c", actor: { kind: "STUDENT" } }, t, "guardian")).toBe("guardianAccessLogChild");
    expect(actorText({ clientId: "portal", actor: { kind: "GUARDIAN", username: "henry", relationship: "FATHER" } }, t, "guardian"))
      .toBe('guardianAccessLogGuardian{"relationship":"studentRecordRelationship.FATHER{\\"defaultValue\\":\\"FATHER\\"}","username":"henry"}');
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-staff", unit: "OWN" } }, t, "guardian"))
      .toBe("guardianAccessLogStaffOwnUnit");
    expect(actorText({ clientId: "p", subject: "s", actor: { kind: "STAFF", role: "records-staff", unit: "ABOVE", unitPath: "/a" } }, t, "guardian"))
      .toBe('guardianAccessLogStaffAboveUnit{"unit":"/a"}');
  });

  it("filters a guardian's view by the child too, the student's own log never", () => {
    expect(actorKinds("student")).toEqual(["YOU", "GUARDIAN", "STAFF", "PERSON", "APPLICATION"]);
    expect(actorKinds("guardian")).toEqual(["YOU", "STUDENT", "GUARDIAN", "STAFF", "PERSON", "APPLICATION"]);
    expect(actorKinds("guardian").map((k) => actorKindText(k, t, "guardian"))).toEqual(["studentAccessLogWhoKind.YOU",
      "guardianAccessLogWhoKind.STUDENT", "guardianAccessLogWhoKind.GUARDIAN", "studentAccessLogWhoKind.STAFF",
      "studentAccessLogWhoKind.PERSON", "studentAccessLogWhoKind.APPLICATION"]);
    expect(actorKindText("GUARDIAN", t, "student")).toBe("studentAccessLogWhoKind.GUARDIAN");
  });
});
