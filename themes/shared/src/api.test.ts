import { afterEach, describe, expect, it, vi } from "vitest";
import { apiClient, problemText } from "./api";

const tokens = { token: "t0k3n", updateToken: () => Promise.resolve(true) };

function answer(status: number, body: string, contentType: string) {
  vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(new Response(body, { status, headers: { "Content-Type": contentType } }))));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiClient", () => {
  it("sends the bearer token and the fixed headers, and reads JSON", async () => {
    answer(200, '{"id":"r1"}', "application/json");
    const reply = await apiClient("https://kc/realms/x/student-records", tokens, { "Data-Purpose": "administration" })<{
      id: string;
    }>("GET", "/me");
    expect(reply).toMatchObject({ status: 200, ok: true, body: { id: "r1" } });
    const [url, init] = vi.mocked(fetch).mock.calls[0];
    expect(url).toBe("https://kc/realms/x/student-records/me");
    expect(init?.headers).toMatchObject({ Authorization: "Bearer t0k3n", "Data-Purpose": "administration" });
  });

  it("reads a problem and says it in the user's language, with the refusal code's text", async () => {
    answer(403, '{"type":"x","title":"Forbidden","status":403,"detail":"The token lacks a scope.","reason":"SCOPE_MISSING"}',
      "application/problem+json");
    const reply = await apiClient("", tokens)("GET", "/grants");
    expect(reply.ok).toBe(false);
    expect(reply.problem?.reason).toBe("SCOPE_MISSING");
    expect(problemText(reply, "en")).toBe("403 Refused: The sign-in token lacks a permission this needs");
    expect(problemText(reply, "zh-CN")).toBe("403 拒绝访问: 登录令牌缺少所需的权限范围");
  });

  it("lists field errors only when asked", async () => {
    answer(422, '{"title":"Invalid","status":422,"detail":"Invalid record.","errors":[{"field":"contact.email","message":"not an email"},{"bad":1}]}',
      "application/problem+json");
    const reply = await apiClient("", tokens)("PUT", "/settings", { body: {} });
    expect(reply.problem?.errors).toEqual([{ field: "contact.email", message: "not an email", rule: undefined }]);
    expect(problemText(reply, "en")).toBe("422 Invalid: Invalid record.");
    expect(problemText(reply, "en", true)).toBe("422 Invalid: Invalid record. (contact.email: not an email)");
  });

  it("turns an answer that is not JSON into a failure instead of throwing", async () => {
    answer(200, "<html>proxy login</html>", "text/html");
    const reply = await apiClient("", tokens)("GET", "/me");
    expect(reply).toMatchObject({ ok: false, failure: "not-json", status: 200, body: undefined });
    expect(problemText(reply, "en")).toContain("(200)");
  });

  it("turns a network failure and an ended session into replies", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    const offline = await apiClient("", tokens)("GET", "/me");
    expect(offline).toMatchObject({ ok: false, failure: "network", status: 0 });
    expect(problemText(offline, "zh-CN")).toBe("无法连接服务器。请检查网络连接后重试。");
    const ended = await apiClient("", { updateToken: () => Promise.reject(new Error("expired")) })("GET", "/me");
    expect(ended.failure).toBe("session");
  });
});
