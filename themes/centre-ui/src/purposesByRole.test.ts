import { describe, expect, it } from "vitest";
import {
  bodyOf,
  limitsOf,
  purposeIndexOf,
  realmPurposeErrors,
  roleErrors,
  strayPurposes,
  toggled,
  unplacedRoleErrors,
} from "./purposesByRole";

describe("purposes by role", () => {
  it("shows every role, limited where the server names it", () => {
    const limits = limitsOf({ "records-staff": ["teaching", "student-services"], "records-admin": ["administration"] });
    expect(limits["records-staff"]).toEqual({ limited: true, purposes: ["teaching", "student-services"] });
    expect(limits["records-admin"]).toEqual({ limited: true, purposes: ["administration"] });
    expect(limits["records-supervisor"]).toEqual({ limited: false, purposes: [] });
    expect(limits["records-application"]).toEqual({ limited: false, purposes: [] });
    expect(limitsOf(undefined)["records-staff"].limited).toBe(false);
  });

  it("sends the limited roles only, and keeps a role it does not show as the server had it", () => {
    const answered = { "records-staff": ["teaching"], "records-librarian": ["library-services"] };
    const limits = limitsOf(answered);
    limits["records-staff"] = { limited: false, purposes: ["teaching"] };
    limits["records-supervisor"] = { limited: true, purposes: ["administration"] };
    expect(bodyOf(limits, answered)).toEqual({
      "records-supervisor": ["administration"],
      "records-librarian": ["library-services"],
    });
    // A limited role without purposes is sent as it is: the server says at the field that it needs one.
    limits["records-admin"] = { limited: true, purposes: [] };
    expect(bodyOf(limits, undefined)).toEqual({ "records-admin": [], "records-supervisor": ["administration"] });
  });

  it("adds a purpose at the end and takes a chosen one out", () => {
    expect(toggled(["teaching"], "administration")).toEqual(["teaching", "administration"]);
    expect(toggled(["teaching", "administration"], "teaching")).toEqual(["administration"]);
  });

  it("finds what a limited role names that the realm's purposes no longer do", () => {
    const realm = ["student-services", "administration"];
    expect(strayPurposes({ limited: true, purposes: ["teaching", "administration"] }, realm)).toEqual(["teaching"]);
    expect(strayPurposes({ limited: false, purposes: ["teaching"] }, realm)).toEqual([]);
  });

  it("places each field error of a 422 at its role, its purpose or the realm's purposes", () => {
    const errors = [
      { field: "purposes[1]", message: "pattern", rule: "pattern" },
      { field: "purposesByRole.records-staff[1]", message: "Not one of the realm's purposes", rule: "realm-purpose" },
      { field: "purposesByRole.records-staff", message: "size", rule: "size" },
      { field: "purposesByRole.records-supervisor", message: "required", rule: "required" },
      { field: "purposesByRole.student", message: "role", rule: "role" },
      { field: "purposesByRole", message: "role", rule: "role" },
      { field: "purposesFoo", message: "x" },
    ];
    expect(roleErrors(errors, "records-staff").map((e) => e.rule)).toEqual(["realm-purpose", "size"]);
    expect(roleErrors(errors, "records-supervisor").map((e) => e.field)).toEqual(["purposesByRole.records-supervisor"]);
    expect(roleErrors(errors, "records-admin")).toEqual([]);
    expect(purposeIndexOf(errors[1])).toBe(1);
    expect(purposeIndexOf(errors[2])).toBeUndefined();
    expect(purposeIndexOf(errors[0])).toBe(1);
    expect(unplacedRoleErrors(errors).map((e) => e.field)).toEqual(["purposesByRole.student", "purposesByRole"]);
    expect(realmPurposeErrors(errors).map((e) => e.field)).toEqual(["purposes[1]"]);
  });
});
