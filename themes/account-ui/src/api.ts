import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { type ApiCall, apiClient, type Language, languageOf } from "@student-records/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * Calls the student records API of the console's realm with the console's own access token (the account-console
 * client carries the student.self scope, whose audience is student-records), asking for the server's texts in the
 * console's language (Accept-Language); the pages still show their own texts for the codes they know.
 */
export function useStudentRecordsApi(): ApiCall {
  const { keycloak, environment } = useEnvironment();
  const language = useLanguage();
  const base = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/student-records`;
  return useMemo(() => apiClient(base, keycloak, { "Accept-Language": language }), [keycloak, base, language]);
}

/** The console's language, as the shared client's texts and the texts of audit codes take it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return languageOf(i18n.language);
}
