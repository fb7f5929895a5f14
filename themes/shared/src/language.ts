/** The languages of the account pages and the centre. */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a locale tag: Simplified Chinese for any zh tag, English otherwise. */
export function languageOf(tag: string | undefined | null): Language {
  return tag && tag.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}
