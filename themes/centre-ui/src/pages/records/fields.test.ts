import { describe, expect, it } from "vitest";
import { EMPTY_FORM, enrolmentBody, errorsByField, fieldOfAnyGuardian, fieldOfPath } from "./fields";

describe("the enrolment form", () => {
  it("leaves out what was not filled in, so the server names it as required", () => {
    const body = enrolmentBody({ ...EMPTY_FORM, studentNumber: " S2024 ", name: "Test Student", residentIdNumber: "11010519491231002x" });
    expect(body.profile).toEqual({ studentNumber: "S2024", name: "Test Student", status: "ENROLLED" });
    expect(body.identity).toEqual({ residentIdNumber: "11010519491231002X", nativePlace: {} });
    expect(body.contact).toEqual({});
    expect(body.guardians).toEqual([]);
  });

  it("sends a guardian once any of the guardian's fields is filled in", () => {
    const body = enrolmentBody({ ...EMPTY_FORM, guardianPhone: "13700000000" });
    expect(body.guardians).toEqual([{ phone: "13700000000", emergencyContact: true }]);
  });

  it("puts each error of the server at its field, and keeps the others apart", () => {
    const { byField, other } = errorsByField([
      { field: "identity.residentIdNumber", message: "has a wrong check character", rule: "resident-id.check-digit" },
      { field: "guardians", message: "must list one", rule: "guardians.required-for-minor" },
      { field: "ownerSubject", message: "is taken", rule: "unique" },
    ]);
    expect(Object.keys(byField).sort()).toEqual(["guardianName", "residentIdNumber"]);
    expect(other.map((e) => e.field)).toEqual(["ownerSubject"]);
  });

  it("names fields of any guardian of an import's row with the guardian's number", () => {
    expect(fieldOfPath("identity.nativePlace.code")).toBe("nativePlaceCode");
    expect(fieldOfAnyGuardian("guardians[1].phone")).toEqual({ field: "guardianPhone", guardian: 2 });
    expect(fieldOfAnyGuardian("guardians[0].name")).toEqual({ field: "guardianName", guardian: undefined });
    expect(fieldOfAnyGuardian("profile.unit")).toEqual({ field: "unit" });
    expect(fieldOfAnyGuardian("somewhere.else")).toBeUndefined();
  });
});
