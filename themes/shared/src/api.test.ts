import { afterEach, describe, expect, it, vi } from "vitest";
import { apiClient, problemText, retryAfterOf } from "./api";

const tokens = { token: "t0k3n", updateToken: () => Promise.resolve(true) };

function answer(status: number, body: string, contentType: string, headers: Record<string, string> = {}) {
  vi.stubGlobal("fetch", vi.fn(() =>
    Promise.resolve(new Response(body, { status, headers: { "Content-Type": contentType, ...headers } }))));
}

const PROBLEMS = "https://student-records.example/problems/";

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

  it("asks for the page's language unless told another", async () => {
    vi.stubGlobal("document", { documentElement: { lang: "zh-CN" } });
    answer(200, "{}", "application/json");
    await apiClient("", tokens)("GET", "/me");
    expect(vi.mocked(fetch).mock.calls[0][1]?.headers).toMatchObject({ "Accept-Language": "zh-CN" });
    answer(200, "{}", "application/json");
    await apiClient("", tokens, { "Accept-Language": "en" })("GET", "/me");
    expect(vi.mocked(fetch).mock.calls[0][1]?.headers).toMatchObject({ "Accept-Language": "en" });
  });

  it("sends a text as it is with its content type, and a body as JSON", async () => {
    answer(200, '{"accepted":1}', "application/json");
    const csv = "studentNumber,name\n2026000001,Generated Name\n";
    const reply = await apiClient("", tokens)("POST", "/records:import", { text: csv, contentType: "text/csv" });
    expect(reply).toMatchObject({ status: 200, ok: true, body: { accepted: 1 } });
    const sent = vi.mocked(fetch).mock.calls[0][1];
    expect(sent?.body).toBe(csv);
    expect(sent?.headers).toMatchObject({ "Content-Type": "text/csv" });
    answer(200, "{}", "application/json");
    await apiClient("", tokens)("POST", "/x", { body: { a: "b" } });
    expect(vi.mocked(fetch).mock.calls[0][1]?.body).toBe('{"a":"b"}');
    expect(vi.mocked(fetch).mock.calls[0][1]?.headers).toMatchObject({ "Content-Type": "application/json" });
  });

  it("reads a problem and says it in the user's language, with the refusal code's text", async () => {
    answer(403, '{"type":"x","title":"Forbidden","status":403,"detail":"The token lacks a scope.","reason":"SCOPE_MISSING"}',
      "application/problem+json");
    const reply = await apiClient("", tokens)("GET", "/grants");
    expect(reply.ok).toBe(false);
    expect(reply.problem?.reason).toBe("SCOPE_MISSING");
    expect(problemText(reply, "en")).toBe("Refused: The sign-in token lacks a permission this needs");
    expect(problemText(reply, "zh-CN")).toBe("拒绝访问: 登录令牌缺少所需的权限范围");
  });

  it("lists field errors only when asked", async () => {
    answer(422, '{"title":"Invalid","status":422,"detail":"Invalid record.","errors":[{"field":"contact.email","message":"not an email"},{"bad":1}]}',
      "application/problem+json");
    const reply = await apiClient("", tokens)("PUT", "/settings", { body: {} });
    expect(reply.problem?.errors).toEqual([{ field: "contact.email", message: "not an email", rule: undefined }]);
    expect(problemText(reply, "en")).toBe("Invalid: Invalid record.");
    expect(problemText(reply, "en", true)).toBe("Invalid: Invalid record. (contact.email: not an email)");
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

  it("says what a problem type of its own means, in the user's language, whatever the detail", async () => {
    answer(403, `{"type":"${PROBLEMS}impersonated","title":"Forbidden","status":403,"detail":"x","reason":"IMPERSONATED"}`,
      "application/problem+json");
    const impersonated = await apiClient("", tokens)("POST", "/retention/policy/approve");
    expect(problemText(impersonated, "en")).toBe("Not while impersonating: sign in as yourself to do this");
    expect(problemText(impersonated, "zh-CN")).toBe("以他人身份登录时不能执行此操作：请以本人身份登录后再试");

    answer(403, `{"type":"${PROBLEMS}four-eyes","title":"A second administrator must approve","status":403}`,
      "application/problem+json");
    const fourEyes = await apiClient("", tokens)("POST", "/retention/policy/approve");
    expect(problemText(fourEyes, "en")).toBe("A second administrator must approve this; the one who asked may not");

    answer(503, `{"type":"${PROBLEMS}search-catching-up","title":"Service unavailable","status":503}`,
      "application/problem+json", { "Retry-After": "7" });
    const catchingUp = await apiClient("", tokens)("GET", "/search?q=x");
    expect(catchingUp).toMatchObject({ ok: false, status: 503, retryAfter: 7 });
    expect(problemText(catchingUp, "en")).toBe("Search is catching up after a restart; try again in a few seconds");
    expect(problemText(catchingUp, "zh-CN")).toBe("检索服务重启后正在同步，请几秒钟后重试");
  });

  it("keeps to the status, title and refusal code for problem types without a text of their own", async () => {
    answer(403, `{"type":"${PROBLEMS}forbidden","title":"Access denied","status":403,"reason":"MOVE_NOT_ALLOWED"}`,
      "application/problem+json");
    const reply = await apiClient("", tokens)("PATCH", "/records/r1", { body: {} });
    expect(problemText(reply, "en")).toBe("Refused: A record may be moved only by someone with the right in both units");
    expect(reply.retryAfter).toBeUndefined();
  });
});

describe("retryAfterOf", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    expect(retryAfterOf("5")).toBe(5);
    expect(retryAfterOf(" 0 ")).toBe(0);
    expect(retryAfterOf("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10);
    expect(retryAfterOf("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:29:00 GMT"))).toBe(0);
    expect(retryAfterOf("-3")).toBeUndefined();
    expect(retryAfterOf("soon")).toBeUndefined();
    expect(retryAfterOf(null)).toBeUndefined();
  });
});
