import { isKnownReason, problemTypeText, reasonText } from "./codes";
import type { Language } from "./language";
import { type Problem, problemOf } from "./problem";
import { clientText, statusText } from "./texts";

// What a page needs to word a failed call itself, importable without the React parts of the package.
export { clientText } from "./texts";
export { isKnownReason, problemTypeText, reasonText } from "./codes";

/**
 * Why a call has no usable answer although the API may never have said so: the network failed, the sign-in
 * could not be renewed, the answer was not JSON (a proxy's error page, say), or the page aborted the call.
 */
export type Failure = "network" | "session" | "not-json" | "aborted";

/** An answer of the student records API. A call never throws: whatever went wrong is in here. */
export type Reply<T> = {
  status: number;
  ok: boolean;
  etag: string | null;
  /** The parsed JSON body; undefined when there was none or it was not JSON. */
  body: T | undefined;
  problem?: Problem;
  failure?: Failure;
  /** Seconds to wait before asking again, from a Retry-After header (a 503 while search catches up, say). */
  retryAfter?: number;
};

/** A successful reply, whose body is there. */
export type Answered<T> = Reply<T> & { ok: true; body: T };

/**
 * Options of one call: a {@code body} sent as JSON, or a {@code text} sent as it is (a file's CSV, say) with its
 * {@code contentType}.
 */
export type CallOptions = {
  body?: unknown;
  text?: string;
  contentType?: string;
  ifMatch?: string | null;
  signal?: AbortSignal;
};

/** Calls the API: method, path below the API's base, options. */
export type ApiCall = <T = unknown>(method: string, path: string, options?: CallOptions) => Promise<Reply<T>>;

/** Where a bearer token comes from: keycloak-js, or the account console's copy of it. */
export type TokenSource = { updateToken(minValidity: number): Promise<boolean>; token?: string };

/** Whether a reply went through with a body. */
export function answered<T>(reply: Reply<T>): reply is Answered<T> {
  return reply.ok && reply.body !== undefined;
}

function failed<T>(failure: Failure, status = 0): Reply<T> {
  return { status, ok: false, etag: null, body: undefined, failure };
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof DOMException && error.name === "AbortError");
}

/** The seconds of a Retry-After header, given as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  // An HTTP date names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse would take "-3" as a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isJson(contentType: string): boolean {
  return /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

/** The language the page is shown in (its html lang), which the API's problems should speak; "" when unknown. */
function pageLanguage(): string {
  return typeof document === "undefined" ? "" : (document.documentElement?.lang ?? "");
}

/**
 * A call function for the API at {@code base}: a fresh bearer token from {@code tokens} on every call, the
 * {@code headers} every call carries (such as Data-Purpose), JSON bodies. Its promise never rejects. Unless
 * {@code headers} name one, every call asks for the page's language (Accept-Language of its html lang), so that the
 * API's problems speak the language the page is shown in rather than the browser's.
 */
export function apiClient(base: string, tokens: TokenSource, headers: Record<string, string> = {}): ApiCall {
  return async <T,>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    try {
      await tokens.updateToken(5);
    } catch (error) {
      return failed(isAbort(error, options.signal) ? "aborted" : "session");
    }
    const language = pageLanguage();
    const sent: Record<string, string> = {
      ...(language ? { "Accept-Language": language } : {}),
      ...headers,
      Authorization: `Bearer ${tokens.token ?? ""}`,
    };
    if (options.text !== undefined) {
      sent["Content-Type"] = options.contentType ?? "text/plain";
    } else if (options.body !== undefined) {
      sent["Content-Type"] = options.contentType ?? "application/json";
    }
    if (options.ifMatch) {
      sent["If-Match"] = options.ifMatch;
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(base + path, {
        method,
        headers: sent,
        body: options.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
      text = await response.text();
    } catch (error) {
      return failed(isAbort(error, options.signal) ? "aborted" : "network");
    }
    const contentType = response.headers.get("Content-Type") ?? "";
    const etag = response.headers.get("ETag");
    const retryAfter = retryAfterOf(response.headers.get("Retry-After"));
    const waits = retryAfter === undefined ? {} : { retryAfter };
    if (!text) {
      return { status: response.status, ok: response.ok, etag, body: undefined, ...waits };
    }
    let json: unknown;
    try {
      json = isJson(contentType) ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      return { ...failed<T>("not-json", response.status), etag, ...waits };
    }
    const isProblem = /problem\+json/i.test(contentType);
    return {
      status: response.status,
      ok: response.ok,
      etag,
      body: response.ok ? (json as T) : undefined,
      problem: isProblem || !response.ok ? problemOf(json) : undefined,
      ...waits,
    };
  };
}

/**
 * One line, in the user's language, for a call that did not go through: what failed on the way, the text of a
 * problem type that says it all (four-eyes, impersonated, search-catching-up), or else the problem's title (the
 * status's name) and detail (the text of its refusal code where it has one). Never the status's number: a person
 * reads words, and the status is in the network log for whoever needs it. With {@code withFields}, the field errors follow
 * in brackets (for pages that do not show them at their fields).
 */
export function problemText(reply: Reply<unknown>, language: Language, withFields = false): string {
  switch (reply.failure) {
    case "network":
    case "aborted":
      return clientText(language, "networkError");
    case "session":
      return clientText(language, "sessionEnded");
    case "not-json":
      return clientText(language, "notJson", { status: reply.status });
    default:
      break;
  }
  const problem = reply.problem;
  const typeText = problemTypeText(problem?.type, language);
  if (typeText) {
    return typeText;
  }
  const title = statusText(language, reply.status) ?? problem?.title ?? clientText(language, "failed");
  const detail = isKnownReason(problem?.reason) ? reasonText(problem?.reason, language) : problem?.detail;
  const fields = withFields ? (problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ") : "";
  return `${title}${detail ? ": " + detail : ""}${fields ? " (" + fields + ")" : ""}`;
}
