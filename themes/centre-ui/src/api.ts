import { type ApiCall, apiClient } from "@student-records/shared";
import type Keycloak from "keycloak-js";
import { createContext, useContext, useMemo } from "react";
import type { CentreConfig } from "./config";
import { useLanguage } from "./i18n";

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

/** The address of the student records API of the centre's realm. */
export function useApiBase(): string {
  const { config } = useSession();
  return `${config.serverUrl}/realms/${encodeURIComponent(config.realm)}/student-records`;
}

/**
 * Calls the student records API of the centre's realm with the centre's token, the purpose administration and the
 * chosen language (Accept-Language), in which the API words its problems; a new language loads the page again.
 */
export function useApi(): ApiCall {
  const { keycloak } = useSession();
  const { language } = useLanguage();
  const base = useApiBase();
  return useMemo(
    () => apiClient(base, keycloak, { "Data-Purpose": PURPOSE, "Accept-Language": language }),
    [keycloak, base, language],
  );
}

/** Splits a comma- or space-separated list typed into a field. */
export function list(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
