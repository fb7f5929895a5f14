import { createContext, useCallback, useContext } from "react";
import { messages } from "./messages";

/** The languages of the centre, the same as the students' account pages. */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a locale tag: Chinese for any zh tag, English otherwise. */
export function languageOf(tag: string | undefined | null): Language {
  return tag && tag.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

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
  return { t, language };
}

export function useLanguage() {
  return useContext(LanguageContext);
}
