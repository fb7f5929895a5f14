import type { Reply } from "@student-records/shared/api";
import { describe, expect, it } from "vitest";
import { fieldOf, plainProblemText } from "./problems";

const PROBLEMS = "https://student-records.example/problems/";
const LABELS: Record<string, string> = { "selfCheck.workday": "工作时间（HH:MM-HH:MM）", purposes: "Purposes of the realm" };
const label = (path: string) => LABELS[path];

function refused(problem: Reply<unknown>["problem"], status: number): Reply<unknown> {
  return { status, ok: false, etag: null, body: undefined, problem };
}

describe("plainProblemText", () => {
  it("names fields by their labels, never by their paths, and shows no HTTP status", () => {
    const reply = refused({
      type: `${PROBLEMS}validation`, title: "设置无效", status: 422, detail: "2 项不符合规则，未写入任何内容。",
      errors: [
        { field: "selfCheck.workday", message: "格式如 07:00-20:00，开始时间早于结束时间。", rule: "pattern" },
        { field: "agreement.content", message: "此项不符合规则。", rule: "format" },
      ],
    }, 422);
    const text = plainProblemText(reply, "zh-CN", label, "另一项");
    expect(text).toBe("2 项不符合规则，未写入任何内容。工作时间（HH:MM-HH:MM）：格式如 07:00-20:00，开始时间早于结束时间。另一项：此项不符合规则。");
    expect(text).not.toMatch(/422|selfCheck|agreement\.content|Invalid/);
  });

  it("says a refusal by its code's text and a failure on the way in the user's words", () => {
    const reply = refused({ type: `${PROBLEMS}forbidden`, title: "Access denied", status: 403, reason: "SCOPE_MISSING",
      detail: "The token lacks a scope this request needs." }, 403);
    expect(plainProblemText(reply, "en", label, "Another field")).not.toContain("403");
    const offline: Reply<unknown> = { status: 0, ok: false, etag: null, body: undefined, failure: "network" };
    expect(plainProblemText(offline, "zh-CN", label, "另一项")).toBe("无法连接服务器。请检查网络连接后重试。");
  });

  it("takes list positions off a field's path", () => {
    expect(fieldOf("purposes[2]")).toBe("purposes");
    expect(fieldOf("purposesByRole.records-staff[0]")).toBe("purposesByRole.records-staff");
  });
});
