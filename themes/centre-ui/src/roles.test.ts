import { describe, expect, it } from "vitest";
import { ADMIN, centreRolesOf, pagesFor, SUPERVISOR } from "./roles";

const PAGES = [
  { path: "grants", roles: [ADMIN] },
  { path: "reports", roles: [ADMIN, SUPERVISOR] },
  { path: "self-check", roles: [ADMIN, SUPERVISOR] },
];

describe("the centre's roles", () => {
  it("reads the centre's realm roles from the token and nothing else", () => {
    expect(centreRolesOf({ realm_access: { roles: ["offline_access", SUPERVISOR] } })).toEqual([SUPERVISOR]);
    expect(centreRolesOf({ realm_access: { roles: [SUPERVISOR, ADMIN] } })).toEqual([ADMIN, SUPERVISOR]);
    expect(centreRolesOf({ realm_access: { roles: ["student", "admin"] } })).toEqual([]);
    expect(centreRolesOf({ resource_access: { x: { roles: [ADMIN] } } })).toEqual([]);
    expect(centreRolesOf(undefined)).toEqual([]);
    expect(centreRolesOf({ realm_access: { roles: "records-admin" } })).toEqual([]);
  });

  it("gives a supervisor only the pages supervision may use, in their order, and a stranger none", () => {
    expect(pagesFor(PAGES, [SUPERVISOR]).map((p) => p.path)).toEqual(["reports", "self-check"]);
    expect(pagesFor(PAGES, [ADMIN]).map((p) => p.path)).toEqual(["grants", "reports", "self-check"]);
    expect(pagesFor(PAGES, [])).toEqual([]);
  });
});
