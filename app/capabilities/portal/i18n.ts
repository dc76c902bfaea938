// Le catalogue de messages du portail (i18next) : le français FALC est la référence ; l'anglais et l'arabe (de droite
// à gauche) le traduisent. Les pages sont rendues par le serveur : une seule instance, initialisée sans attente.
import i18next, { type TOptions } from 'i18next';
import { ar } from './locales/ar';
import { en } from './locales/en';
import { fr, type Catalogue } from './locales/fr';
import type { MessageKey } from './i18n-types';

export const LANGUAGES = { fr, en, ar } as const;
export type Language = keyof typeof LANGUAGES;
export type PortalKey = MessageKey<Catalogue>;
export type PortalT = (key: PortalKey, options?: TOptions) => string;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: Object.keys(LANGUAGES),
  resources: Object.fromEntries(Object.entries(LANGUAGES).map(([language, catalogue]) => [language, { translation: catalogue }])),
  // React échappe déjà les textes ; i18next n'a pas à le faire deux fois.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && value in LANGUAGES;

/** La langue d'une valeur de cookie ou d'adresse ; le français sinon. */
export const languageOf = (value: unknown): Language => (isLanguage(value) ? value : 'fr');

/** Les textes d'une langue ; dates et nombres mis en forme selon elle. */
export function portalText(language: Language): PortalT {
  const t = instance.getFixedT(language);
  return (key, options) => t(key, options) as string;
}

export const directionOf = (language: Language) => instance.dir(language);

/** Une date dans la langue de la page (« 4 décembre 2026 à 10:30 »), à l'heure de la structure. */
export function formatDateTime(language: Language, date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-u-nu-latn' : language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    date,
  );
}

/** Un jour dans la langue de la page (« 4 décembre 2026 »), à l'heure de la structure. */
export function formatDate(language: Language, date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-u-nu-latn' : language, { dateStyle: 'long', timeZone }).format(date);
}

const localeOf = (language: Language) => (language === 'ar' ? 'ar-u-nu-latn' : language);

/** Un jour avec son nom (« mardi 8 décembre »), à l'heure de la structure. */
export function formatWeekday(language: Language, date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(localeOf(language), { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(date);
}

/** Une heure (« 10:30 »), à l'heure de la structure. */
export function formatTime(language: Language, date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(localeOf(language), { timeStyle: 'short', timeZone }).format(date);
}
