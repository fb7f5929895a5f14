import { describe, expect, it } from "vitest";
import { actorText, clientName } from "./actors";

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
});
