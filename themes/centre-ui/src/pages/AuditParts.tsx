import { type Language, parseInstant, problemOf, type Reply } from "@student-records/shared";
import { useCallback } from "react";
import { PURPOSE, useSession } from "../api";

/**
 * A person or client as the audit shows them: the username where the API gives one, the id otherwise (with the id
 * in the tooltip either way). The one place the audit screens name people, so that names can be looked up here.
 */
export const ActorName = ({ id, username, name }: { id: string | null | undefined; username?: string | null; name?: string }) =>
  id || username ? <span title={id ?? undefined} data-actor={id ?? ""}>{name ?? username ?? id}</span> : <>—</>;

/** An instant as date and time to the second in the user's language; "—" when there is none. */
export function toSecond(value: string | null | undefined, language: Language): string {
  const date = parseInstant(value);
  if (!date) {
    return value ?? "—";
  }
  return date.toLocaleString(language, { dateStyle: "medium", timeStyle: "medium" });
}

/** What a download came to: the file's text (for a JWS to read), or the reply that refused it. */
export type Downloaded = { ok: true; text: string } | { ok: false; reply: Reply<unknown> };

/**
 * Downloads an attachment of the API (an epoch export, an extract) with the centre's token and purpose, and saves it
 * under the name the server gives (or {@code fallbackName}).
 */
export function useDownload(): (path: string, fallbackName: string, asText?: boolean) => Promise<Downloaded> {
  const { keycloak, config } = useSession();
  const base = `${config.serverUrl}/realms/${encodeURIComponent(config.realm)}/student-records`;
  return useCallback(async (path: string, fallbackName: string, asText = false) => {
    const refused = (status: number, failure?: Reply<unknown>["failure"], body?: unknown): Downloaded => ({
      ok: false,
      reply: { status, ok: false, etag: null, body: undefined, failure, problem: body ? problemOf(body) : undefined },
    });
    try {
      await keycloak.updateToken(5);
    } catch {
      return refused(0, "session");
    }
    let response: Response;
    try {
      response = await fetch(base + path, {
        headers: { Authorization: `Bearer ${keycloak.token ?? ""}`, "Data-Purpose": PURPOSE },
      });
    } catch {
      return refused(0, "network");
    }
    if (!response.ok) {
      try {
        return refused(response.status, undefined, await response.json());
      } catch {
        return refused(response.status, "not-json");
      }
    }
    const blob = await response.blob();
    const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "");
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = named?.[1] ?? fallbackName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, text: asText ? await blob.text() : "" };
  }, [keycloak, base]);
}
