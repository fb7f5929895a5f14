import type Keycloak from "keycloak-js";
import { createContext, useCallback, useContext } from "react";
import type { CentreConfig } from "./config";

/** One field error of an application/problem+json answer. */
export type FieldError = { field: string; message: string };

/** An answer of the student records API. */
export type Reply<T> = {
  status: number;
  ok: boolean;
  body: T;
  problem?: { title?: string; detail?: string; errors?: FieldError[] };
};

/** The signed-in session: keycloak-js and the page's configuration. */
export type Session = { keycloak: Keycloak; config: CentreConfig };

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error("useSession outside SessionContext");
  }
  return session;
}

/** The purpose every call of the centre declares: the centre administers, it never teaches or counts. */
export const PURPOSE = "administration";

/** Calls the student records API of the centre's realm with the centre's token and the purpose administration. */
export function useApi() {
  const { keycloak, config } = useSession();
  const base = `${config.serverUrl}/realms/${encodeURIComponent(config.realm)}/student-records`;
  return useCallback(
    async <T = unknown>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Reply<T>> => {
      await keycloak.updateToken(5);
      const headers: Record<string, string> = {
        Authorization: `Bearer ${keycloak.token}`,
        "Data-Purpose": PURPOSE,
      };
      if (body !== undefined) {
        headers["Content-Type"] = "application/json";
      }
      const response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      const text = await response.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const isProblem = (response.headers.get("Content-Type") ?? "").includes("problem+json");
      return {
        status: response.status,
        ok: response.ok,
        body: json as T,
        problem: isProblem ? (json as Reply<T>["problem"]) : undefined,
      };
    },
    [keycloak, base],
  );
}

/** A short line for a refused call, from the problem's title and detail. */
export function problemText(reply: Reply<unknown>): string {
  const detail = reply.problem?.detail ?? "";
  const fields = (reply.problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join("; ");
  const title = reply.problem?.title ? ` ${reply.problem.title}` : "";
  return `${reply.status}${title}${detail ? ": " + detail : ""}${fields ? " (" + fields + ")" : ""}`;
}

/** A date and time in the user's locale. */
export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) {
    return "—";
  }
  return new Date(value).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** Splits a comma- or space-separated list typed into a field. */
export function list(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
