// L'heure de la structure, en un seul endroit : son fuseau, « aujourd'hui », les bornes d'un jour et d'un mois
// (justes les jours de 23 et de 25 heures), et les formats français. Le fuseau vient de la configuration du
// serveur (`TZ`, Europe/Paris par défaut : un CCAS d'outre-mer règle America/Cayenne ou Indian/Reunion) ; dans le
// navigateur, c'est celui avec lequel le serveur a rendu la page (attribut data-fuseau de <html>), pour que
// l'hydratation affiche les mêmes heures.
import { TZDate } from '@date-fns/tz';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Un nom de fuseau de la base IANA que le moteur JavaScript connaît, sinon null. */
export function validTimeZone(value: string | undefined | null): string | null {
  if (!value || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('fr-FR', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function initialTimeZone(): string {
  if (typeof document !== 'undefined') return validTimeZone(document.documentElement.dataset.fuseau) ?? DEFAULT_TIME_ZONE;
  return validTimeZone(typeof process !== 'undefined' ? process.env.TZ : undefined) ?? DEFAULT_TIME_ZONE;
}

let zone = initialTimeZone();

/** Le fuseau de la structure. */
export const timeZone = () => zone;

/** Change le fuseau (configuration au démarrage, tests). */
export function setTimeZone(value: string) {
  const valid = validTimeZone(value);
  if (!valid) throw new Error(`Fuseau horaire inconnu : « ${value} » (exemple : Europe/Paris, America/Cayenne).`);
  zone = valid;
}

/** Le jour (AAAA-MM-JJ) d'un instant, dans le fuseau de la structure. */
export const localDay = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: zone });

/** Aujourd'hui (AAAA-MM-JJ) à l'heure de la structure. */
export const today = (now: Date) => localDay(now);

/** Le mois (AAAA-MM) d'un instant, dans le fuseau de la structure. */
export const localMonth = (date: Date) => localDay(date).slice(0, 7);

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** Le jour du calendrier (AAAA-MM-JJ) décalé de n jours. */
export function addDays(day: string, n: number): string {
  const [year, month, date] = parts(day);
  return new Date(Date.UTC(year, month - 1, date + n)).toISOString().slice(0, 10);
}

/** Le lundi de la semaine d'un jour du calendrier (AAAA-MM-JJ). */
export const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7));

/** L'instant où commence un jour local (minuit, ou l'heure qui le remplace un jour de changement d'heure). */
export function startOfDay(day: string): Date {
  const [year, month, date] = parts(day);
  return new Date(+new TZDate(year, month - 1, date, 0, 0, 0, 0, zone));
}

/** Le jour local [début, fin) : 23 heures au printemps, 25 à l'automne. */
export function dayRange(day: string): { start: Date; end: Date } {
  const [year, month, date] = parts(day);
  return { start: startOfDay(day), end: new Date(+new TZDate(year, month - 1, date + 1, 0, 0, 0, 0, zone)) };
}

/** Les jours locaux du premier au dernier compris : [début du premier, fin du dernier). */
export function daysRange(from: string, to: string): { start: Date; end: Date } {
  return { start: startOfDay(from), end: dayRange(to).end };
}

/** Le mois local (AAAA-MM) [début, fin). */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return {
    start: new Date(+new TZDate(year, number - 1, 1, 0, 0, 0, 0, zone)),
    end: new Date(+new TZDate(year, number, 1, 0, 0, 0, 0, zone)),
  };
}

/** Une heure saisie (« 2026-03-29T10:30 », sans fuseau) lue à l'heure de la structure. */
export function localDateTime(value: string): Date {
  const [day, time = '00:00'] = value.split('T') as [string, string?];
  const [year, month, date] = parts(day);
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return new Date(+new TZDate(year, month - 1, date, hours, minutes, seconds, 0, zone));
}

/** Un instant écrit comme une heure locale de la structure (« 2026-03-29T10:30 »), pour un champ datetime-local. */
export function toLocalInput(date: Date): string {
  const local = new TZDate(+date, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Un format français à l'heure de la structure : `dateFormat({ dateStyle: 'long' }).format(date)`. Le fuseau est
 * lu à chaque appel : un format déclaré en tête de module suit la configuration.
 */
export function dateFormat(options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>) {
  return {
    format(date: Date | number) {
      const key = `${zone}|${JSON.stringify(options)}`;
      let format = formats.get(key);
      if (!format) formats.set(key, (format = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: zone })));
      return format.format(date);
    },
  };
}
