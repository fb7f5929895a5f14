import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { useCallback } from "react";

/** One field error of an application/problem+json answer. */
export type FieldError = { field: string; message: string; rule?: string };

/** An answer of the student records API. */
export type Reply<T> = {
  status: number;
  ok: boolean;
  etag: string | null;
  body: T;
  problem?: { title?: string; detail?: string; errors?: FieldError[] };
};

/**
 * Calls the student records API of the console's realm with the console's own access token (the account-console
 * client carries the student.self scope, whose audience is student-records).
 */
export function useStudentRecordsApi() {
  const { keycloak, environment } = useEnvironment();
  const base = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/student-records`;

  return useCallback(
    async <T = unknown>(
      method: string,
      path: string,
      options: { body?: unknown; contentType?: string; ifMatch?: string | null; signal?: AbortSignal } = {},
    ): Promise<Reply<T>> => {
      await keycloak.updateToken(5);
      const headers: Record<string, string> = { Authorization: `Bearer ${keycloak.token}` };
      if (options.body !== undefined) {
        headers["Content-Type"] = options.contentType ?? "application/json";
      }
      if (options.ifMatch) {
        headers["If-Match"] = options.ifMatch;
      }
      const response = await fetch(base + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
      const text = await response.text();
      const json = text ? JSON.parse(text) : undefined;
      const isProblem = (response.headers.get("Content-Type") ?? "").includes("problem+json");
      return {
        status: response.status,
        ok: response.ok,
        etag: response.headers.get("ETag"),
        body: json as T,
        problem: isProblem ? json : undefined,
      };
    },
    [keycloak, base],
  );
}

/** A short, translated line for a refused call, from the problem's title and detail. */
export function problemText(reply: Reply<unknown>): string {
  const detail = reply.problem?.detail ?? "";
  return `${reply.problem?.title ?? reply.status}${detail ? ": " + detail : ""}`;
}

/** A date and time in the user's locale. */
export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) {
    return "—";
  }
  return new Date(value).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}
