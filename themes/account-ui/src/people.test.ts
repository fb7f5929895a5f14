import { describe, expect, it } from "vitest";
import { peopleFeatures } from "./people";

describe("peopleFeatures", () => {
  it("shows the student pages to a student and My children to a guardian", () => {
    expect(peopleFeatures({ realm_access: { roles: ["student", "offline_access"] } })).toEqual({ isStudent: true, isGuardian: false });
    expect(peopleFeatures({ realm_access: { roles: ["guardian"] } })).toEqual({ isStudent: false, isGuardian: true });
    expect(peopleFeatures({ realm_access: { roles: ["guardian", "student"] } })).toEqual({ isStudent: true, isGuardian: true });
  });

  it("shows neither to anyone else, and to a token without readable roles", () => {
    expect(peopleFeatures({ realm_access: { roles: ["records-staff"] } })).toEqual({ isStudent: false, isGuardian: false });
    expect(peopleFeatures({ realm_access: { roles: "guardian" } })).toEqual({ isStudent: false, isGuardian: false });
    expect(peopleFeatures({ scope: "openid student.guardian" })).toEqual({ isStudent: false, isGuardian: false });
    expect(peopleFeatures(undefined)).toEqual({ isStudent: false, isGuardian: false });
  });
});
