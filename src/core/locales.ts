/** The languages of the UI and of what the server writes in words (health reasons, notices). */
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
