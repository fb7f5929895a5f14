import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { type ApiCall, apiClient, type Language, languageOf } from "@student-records/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * Calls the student records API of the console's realm with the console's own access token (the account-console
 * client carries the student.self scope, whose audience is student-records).
 */
export function useStudentRecordsApi(): ApiCall {
  const { keycloak, environment } = useEnvironment();
  const base = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/student-records`;
  return useMemo(() => apiClient(base, keycloak), [keycloak, base]);
}

/** The console's language, as the shared client's texts and the texts of audit codes take it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return languageOf(i18n.language);
}
