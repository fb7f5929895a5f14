import { describe, expect, it } from "vitest";
import { actsFor, childOf, childPath, invitationToken } from "./guardian";

const child = (proxy: unknown) => ({ recordId: "r1", name: "Mia", age: 12, relationship: "MOTHER", proxy });

describe("actsFor", () => {
  it("ends only where the list says it ended", () => {
    expect(actsFor(child(true))).toBe(true);
    expect(actsFor(child("ACTIVE"))).toBe(true);
    expect(actsFor(child(undefined))).toBe(true);
    expect(actsFor(child(false))).toBe(false);
    expect(actsFor(child("ENDED"))).toBe(false);
    expect(actsFor(child("ended"))).toBe(false);
  });
});

describe("childOf", () => {
  it("finds a linked child by its record id, and no other", () => {
    const loaded = { data: { children: [child(true)] }, reload: () => undefined };
    expect(childOf(loaded, "r1")?.name).toBe("Mia");
    expect(childOf(loaded, "r2")).toBeUndefined();
    expect(childOf({ reload: () => undefined }, "r1")).toBeUndefined();
  });
});

describe("childPath", () => {
  it("takes a record id and nothing that would leave its path segment", () => {
    expect(childPath("0f8e5a9c-1b2d-4e3f-8a7b-6c5d4e3f2a1b")).toBe("/guardian/children/0f8e5a9c-1b2d-4e3f-8a7b-6c5d4e3f2a1b");
    expect(childPath("..")).toBeUndefined();
    expect(childPath("%2e%2e")).toBeUndefined();
    expect(childPath("../me")).toBeUndefined();
    expect(childPath("a?b")).toBeUndefined();
    expect(childPath("")).toBeUndefined();
    expect(childPath(undefined)).toBeUndefined();
  });
});

describe("invitationToken", () => {
  const token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd";
  it("reads the token of the mailed link, in the fragment or the query", () => {
    expect(invitationToken(`#/my-children?invitation=${token}`, "")).toBe(token);
    expect(invitationToken("", `?invitation=${token}`)).toBe(token);
    expect(invitationToken("", `?x=1&invitation=${token}&y=2`)).toBe(token);
  });
  it("takes nothing else for a token", () => {
    expect(invitationToken("#/my-children", "")).toBeUndefined();
    expect(invitationToken("#/my-children?invitation=short", "")).toBeUndefined();
    expect(invitationToken(`#/my-children?invitation=${token}<script>`, "")).toBeUndefined();
  });
});
