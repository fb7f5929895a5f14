import { type ApiCall, apiClient } from "@student-records/shared";
import type Keycloak from "keycloak-js";
import { createContext, useContext, useMemo } from "react";
import type { CentreConfig } from "./config";

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

/** Calls the student records API of the centre's realm with the centre's token and the purpose administration. */
export function useApi(): ApiCall {
  const { keycloak } = useSession();
  const base = useApiBase();
  return useMemo(() => apiClient(base, keycloak, { "Data-Purpose": PURPOSE }), [keycloak, base]);
}

/** Splits a comma- or space-separated list typed into a field. */
export function list(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
