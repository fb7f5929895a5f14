import { describe, expect, it } from "vitest";
import { entriesOfExtract, matches, NO_FILTERS, type TrailEntry, trailQuery } from "./AuditModel";

const entry: TrailEntry = {
  sequence: 7,
  time: "2026-09-01T10:00:00Z",
  subject: null,
  clientId: "library-app",
  purpose: "library-services",
  recordId: "r1",
  operation: "READ",
  decision: "ALLOW",
};

describe("the trail's filters", () => {
  it("keeps an entry that passes every filter and drops one that fails any", () => {
    expect(matches(entry, NO_FILTERS)).toBe(true);
    expect(matches(entry, { ...NO_FILTERS, client: " library-app " })).toBe(true);
    expect(matches(entry, { ...NO_FILTERS, client: "campus-portal" })).toBe(false);
    expect(matches(entry, { ...NO_FILTERS, operation: "READ", decision: "ALLOW" })).toBe(true);
    expect(matches(entry, { ...NO_FILTERS, operation: "SEARCH" })).toBe(false);
    expect(matches(entry, { ...NO_FILTERS, decision: "DENY" })).toBe(false);
  });

  it("keeps entries from the window's start up to, not including, its end", () => {
    expect(matches(entry, NO_FILTERS, "2026-09-01T10:00:00Z", "2026-09-01T10:00:01Z")).toBe(true);
    expect(matches(entry, NO_FILTERS, "2026-09-01T10:00:01Z")).toBe(false);
    expect(matches(entry, NO_FILTERS, undefined, "2026-09-01T10:00:00Z")).toBe(false);
  });
});

describe("a search of the whole trail", () => {
  it("asks the server for every filter set, and for nothing unset", () => {
    const query = new URLSearchParams(trailQuery({ ...NO_FILTERS, client: " library-app ", decision: "DENY" }, 41, 20,
      "2026-12-01T00:00:00.000Z"));
    expect(Object.fromEntries(query)).toEqual({ fromSequence: "41", limit: "20", client: "library-app", decision: "DENY",
      from: "2026-12-01T00:00:00.000Z" });
    expect(trailQuery(NO_FILTERS, 1, 10)).toBe("fromSequence=1&limit=10");
  });
});

describe("an extract's payload", () => {
  const encode = (json: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(json)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  it("counts the entries of a compact JWS, names in any script included", () => {
    const jws = `${encode({ alg: "RS256" })}.${encode({ clientId: "图书馆", entries: [{}, {}, {}] })}.c2ln`;
    expect(entriesOfExtract(jws)).toBe(3);
  });

  it("says nothing for a text that is no JWS", () => {
    expect(entriesOfExtract("not a jws")).toBeUndefined();
    expect(entriesOfExtract("a.%%%.c")).toBeUndefined();
    expect(entriesOfExtract(`${encode({})}.${encode({ entries: "many" })}.c`)).toBeUndefined();
  });
});
