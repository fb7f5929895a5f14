import { describe, expect, it } from "vitest";
import decisionsEn from "../codes/decisions.en.json";
import decisionsZh from "../codes/decisions.zh-CN.json";
import findingsEn from "../codes/findings.en.json";
import findingsZh from "../codes/findings.zh-CN.json";
import operationsEn from "../codes/operations.en.json";
import operationsZh from "../codes/operations.zh-CN.json";
import reasonsEn from "../codes/reasons.en.json";
import reasonsZh from "../codes/reasons.zh-CN.json";
import { findingText, operationText, reasonText } from "./codes";

describe("texts of codes", () => {
  it.each([
    ["operations", operationsEn, operationsZh],
    ["reasons", reasonsEn, reasonsZh],
    ["findings", findingsEn, findingsZh],
    ["decisions", decisionsEn, decisionsZh],
  ])("has every code of %s in both languages, none of them blank or the code itself", (_, en, zh) => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [code, text] of [...Object.entries(en), ...Object.entries(zh)]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toBe(code);
    }
  });

  it("never shows a raw code", () => {
    expect(operationText("TOKEN_CLAIMS", "en")).not.toContain("TOKEN_CLAIMS");
    expect(operationText("CONFIRMATION_CHECK", "zh-CN")).toBe("登录时检查档案上次确认的时间");
    expect(operationText("SOMETHING_NEW", "en")).toBe("Other action");
    expect(operationText("SOMETHING_NEW", "zh-CN")).toBe("其他操作");
    expect(reasonText("toString", "en")).toBe("Other reason");
    expect(findingText(undefined, "en")).toBe("Other finding");
  });
});
