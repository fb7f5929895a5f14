import type { Reply } from "@student-records/shared";
import { describe, expect, it } from "vitest";
import { changeTag, isProposer, type Policy, type PolicyChange, rangeOf, ruleErrors, runCounts, savedAs, shortenedRules, untypedDays } from "./retentionPolicy";

const inForce: Policy = {
  archiveOn: ["GRADUATED", "TRANSFERRED"],
  destroyAfterDays: 1825,
  archiveRetentionDays: 3650,
  auditRetentionDays: 1095,
};

function reply(status: number, body?: unknown, problem?: Reply<unknown>["problem"]): Reply<unknown> {
  return { status, ok: status >= 200 && status < 300, etag: null, body, problem };
}

describe("retention policy changes", () => {
  it("tells which rules keep records for less time", () => {
    expect(shortenedRules(inForce, inForce)).toEqual(new Set());
    expect(shortenedRules(inForce, { ...inForce, destroyAfterDays: 1900, archiveRetentionDays: 4000 })).toEqual(new Set());
    expect(shortenedRules(inForce, { ...inForce, destroyAfterDays: 1 })).toEqual(new Set(["destroyAfterDays"]));
    expect(shortenedRules(inForce, { ...inForce, archiveRetentionDays: 0 })).toEqual(new Set(["archiveRetentionDays"]));
    expect(shortenedRules(inForce, { ...inForce, auditRetentionDays: 400 })).toEqual(new Set(["auditRetentionDays"]));
    expect(shortenedRules(inForce, { ...inForce, archiveOn: ["GRADUATED", "TRANSFERRED", "WITHDRAWN"] }))
      .toEqual(new Set(["archiveOn"]));
    // Archiving fewer leavers keeps the others longer: not shorter.
    expect(shortenedRules(inForce, { ...inForce, archiveOn: ["GRADUATED"] })).toEqual(new Set());
  });

  it("tells a change applied at once from one waiting for a second administrator and from a refusal", () => {
    expect(savedAs(reply(200, inForce))).toBe("applied");
    expect(savedAs(reply(202, { status: "AWAITING_APPROVAL", current: inForce, proposed: inForce }))).toBe("awaiting-approval");
    expect(savedAs(reply(200, { status: "AWAITING_APPROVAL" }))).toBe("awaiting-approval");
    expect(savedAs(reply(422, undefined, { status: 422 }))).toBe("failed");
    expect(savedAs({ ...reply(0), failure: "network" })).toBe("failed");
  });

  it("marks days that are not whole numbers before anything is sent", () => {
    expect(untypedDays({ destroyAfterDays: "1825", archiveRetentionDays: " 0 ", auditRetentionDays: "1095" })).toEqual([]);
    expect(untypedDays({ destroyAfterDays: "", archiveRetentionDays: "3.5", auditRetentionDays: "1095" })).toEqual([
      "destroyAfterDays",
      "archiveRetentionDays",
    ]);
    expect(untypedDays({ destroyAfterDays: "-1", archiveRetentionDays: "1e3", auditRetentionDays: "x" })).toEqual([
      "destroyAfterDays",
      "archiveRetentionDays",
      "auditRetentionDays",
    ]);
  });

  it("reads the server's floor from a 422 naming the periods", () => {
    const refused = reply(422, undefined, {
      status: 422,
      errors: [
        { field: "destroyAfterDays", message: "must be from 365 to 36500", rule: "range" },
        { field: "archiveRetentionDays", message: "must be from 365 to 36500", rule: "range" },
        { field: "somethingElse", message: "x" },
      ],
    });
    const errors = ruleErrors(refused);
    expect(errors.map((e) => e.field)).toEqual(["destroyAfterDays", "archiveRetentionDays"]);
    expect(rangeOf(errors[0])).toEqual({ min: 365, max: 36500 });
    expect(rangeOf({ field: "destroyAfterDays", message: "must be a number" })).toBeUndefined();
    expect(rangeOf({ field: "archiveOn", message: "may name only 3 of 4" })).toBeUndefined();
  });

  it("knows the one who asked, and nobody when the token names nobody", () => {
    const change: PolicyChange = {
      status: "AWAITING_APPROVAL", current: inForce, proposed: { ...inForce, destroyAfterDays: 400 },
      proposedBy: "a1", proposedAt: "2026-01-02T03:04:05Z",
    };
    expect(isProposer(change, "a1")).toBe(true);
    expect(isProposer(change, "b2")).toBe(false);
    expect(isProposer(change, undefined)).toBe(false);
    expect(isProposer({ ...change, proposedBy: "" }, "")).toBe(false);
  });
});

describe("approving a waiting change", () => {
  it("names the change by when it was proposed, as the server's ETag does", () => {
    expect(changeTag({ proposedAt: "2026-12-05T10:15:30.123Z" })).toBe(`"${Date.UTC(2026, 11, 5, 10, 15, 30, 123)}"`);
  });
});

describe("the outcome of a retention run", () => {
  it("counts what the run archived, destroyed, kept by a hold and left waiting", () => {
    expect(runCounts({ dryRun: true, archived: ["r1", "r2"], destroyed: [{ recordId: "r3" }], held: [], waiting: 4 }))
      .toEqual({ archived: 2, destroyed: 1, held: 0, waiting: 4 });
  });

  it("says it in both languages with every count, never as the button's label", async () => {
    const { messages } = await import("./messages");
    for (const language of ["en", "zh-CN"] as const) {
      for (const key of ["dryRunDone", "runDone"] as const) {
        const text = messages[language][key];
        expect(text).not.toBe(messages[language].dryRun);
        expect(text).not.toBe(messages[language].runNow);
        for (const name of ["archived", "destroyed", "held", "waiting"]) {
          expect(text).toContain(`{${name}}`);
        }
      }
    }
  });
});
