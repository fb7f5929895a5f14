import { describe, expect, it } from "vitest";
import { entryResultText, isImpersonated, outcomeOf } from "./entries";
import { operationText } from "./codes";

describe("audit entries", () => {
  it("never reads as done when a change did not go ahead", () => {
    const stale = { operation: "UPDATE", decision: "ALLOW", outcome: "NOT_DONE", reason: "STALE_VERSION" };
    expect(outcomeOf(stale)).toBe("NOT_DONE");
    expect(`${operationText(stale.operation, "en")}: ${entryResultText(stale, "en")}`).toBe(
      "Changing the record: Not done, nothing was changed (The record had changed in the meantime)");
    expect(entryResultText(stale, "zh-CN")).toBe("未完成，未作任何改动（档案在此期间已被修改）");
    expect(entryResultText({ decision: "ALLOW", outcome: "NOT_DONE", reason: "DUPLICATE" }, "en")).toBe(
      "Not done, nothing was changed (Another record already has this student number, resident ID or account)");
  });

  it("says done and refused in both languages", () => {
    expect(entryResultText({ decision: "ALLOW", outcome: "DONE" }, "en")).toBe("Done");
    expect(entryResultText({ decision: "ALLOW", outcome: "DONE" }, "zh-CN")).toBe("已完成");
    expect(entryResultText({ decision: "DENY", outcome: "DENIED", reason: "IMPERSONATED" }, "en")).toBe(
      "Refused (A session under impersonation may not do this)");
    expect(entryResultText({ decision: "DENY", outcome: "DENIED", reason: "GROUP_NOT_WRITABLE_BY_ROLE" }, "zh-CN")).toBe(
      "已拒绝（基本信息和身份信息只能由信息管理中心修改，或通过更正申请修改）");
  });

  it("says only what was decided for an entry without an outcome, or with one it does not know", () => {
    expect(outcomeOf({ decision: "ALLOW" })).toBeUndefined();
    expect(entryResultText({ decision: "ALLOW" }, "en")).toBe("Allowed");
    expect(entryResultText({ decision: "ALLOW", outcome: null }, "en")).toBe("Allowed");
    expect(entryResultText({ decision: "ALLOW", outcome: "MAYBE" }, "en")).toBe("Allowed");
    expect(entryResultText({ decision: "DENY", outcome: "toString" }, "zh-CN")).toBe("拒绝");
  });

  it("tells an entry made under impersonation", () => {
    expect(isImpersonated({ decision: "ALLOW", impersonator: "0b6c-admin" })).toBe(true);
    expect(isImpersonated({ decision: "ALLOW", impersonator: null })).toBe(false);
    expect(isImpersonated({ decision: "ALLOW" })).toBe(false);
    expect(isImpersonated({ decision: "ALLOW", impersonator: "" })).toBe(false);
  });
});
