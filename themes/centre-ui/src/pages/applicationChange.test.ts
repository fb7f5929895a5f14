import { describe, expect, it } from "vitest";
import { type AppSettings, differences, errorsOf, widens } from "./applicationChange";

const library: AppSettings = {
  trust: "internal",
  purposes: ["library-services"],
  units: ["science/physics"],
  defaultScopes: ["student.profile.read"],
  optionalScopes: [],
};
const bureau: AppSettings = { ...library, trust: "external", units: [] };

describe("widens", () => {
  it("turning a client internal needs a second administrator", () => {
    expect(widens(bureau, { ...bureau, trust: "internal" })).toBe(true);
  });
  it("an internal client gaining a unit, a purpose or a scope does", () => {
    expect(widens(library, { ...library, units: ["science"] })).toBe(true);
    expect(widens(library, { ...library, purposes: ["library-services", "teaching"] })).toBe(true);
    expect(widens(library, { ...library, optionalScopes: ["student.contact.read"] })).toBe(true);
  });
  it("narrowing, turning external or moving a scope to optional does not", () => {
    expect(widens(library, { ...library, trust: "external" })).toBe(false);
    expect(widens(library, { ...library, units: [] })).toBe(false);
    expect(widens(library, { ...library, defaultScopes: [], optionalScopes: ["student.profile.read"] })).toBe(false);
    expect(widens({ ...library, units: ["*"] }, { ...library, units: ["arts"] })).toBe(false);
  });
});

describe("differences and errors", () => {
  it("lists what a change adds and takes", () => {
    const d = differences(library, { ...library, trust: "external", units: ["arts"] });
    expect(d.trust).toBe("external");
    expect(d.units).toEqual({ added: ["arts"], removed: ["science/physics"] });
    expect(d.purposes).toEqual({ added: [], removed: [] });
  });
  it("ties field errors to the list they name", () => {
    const errors = [{ field: "purposes[1]", message: "x" }, { field: "defaultScopes[0]", message: "y" }];
    expect(errorsOf(errors, "purposes")).toEqual(["purposes[1]"]);
    expect(errorsOf(errors, "units")).toEqual([]);
  });
});
