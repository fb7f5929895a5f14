import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

type KeyValue = { key: string; value: string };

/**
 * The console's own translations: the server answers with the messages of the realm's account theme, i.e. this
 * theme's messages_*.properties on top of keycloak.v3's, in the user's locale.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  lng: environment.locale,
  nsSeparator: false,
  keySeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${environment.serverBaseUrl}/resources/${environment.realm}/account/{{lng}}`,
    parse: (data: string) => {
      const messages = JSON.parse(data) as unknown;
      return Array.isArray(messages) ? Object.fromEntries((messages as KeyValue[]).map(({ key, value }) => [key, value])) : {};
    },
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
