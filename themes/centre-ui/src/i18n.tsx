import { type Language, clientText, type ClientTextKey } from "@student-records/shared";
import { createContext, useCallback, useContext } from "react";
import { messages } from "./messages";

type LanguageState = { language: Language; setLanguage: (language: Language) => void };

export const LanguageContext = createContext<LanguageState>({ language: "en", setLanguage: () => undefined });

export type Key = keyof (typeof messages)["en"];

/** The text of a key in the current language, with {name} placeholders filled in. */
export function useT() {
  const { language } = useContext(LanguageContext);
  const t = useCallback(
    (key: Key, values: Record<string, string | number> = {}) => {
      const text: string = messages[language][key] ?? messages.en[key] ?? key;
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
    },
    [language],
  );
  /** A text of the shared client (network failures, dates) in the current language. */
  const client = useCallback(
    (key: ClientTextKey, values?: Record<string, string | number>) => clientText(language, key, values),
    [language],
  );
  return { t, client, language };
}

export function useLanguage() {
  return useContext(LanguageContext);
}
