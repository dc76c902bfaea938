// Horaires d'ouverture au format OpenStreetMap (celui du schéma national), lus par la bibliothèque
// opening_hours : validation avec ses messages français, jours fériés français, et leur lecture en
// français (« Ouvert maintenant · ferme à 17 h 30 »). Les heures sont celles du fuseau du serveur (TZ).
import OpeningHours from 'opening_hours';

/** Métropole par défaut ; la bibliothèque en déduit les jours fériés (PH) français. */
const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };
const NBSP = '\u00a0';
/** Messages de la bibliothèque en français ; mode 0 : horaires simples (sans lever ni coucher du soleil à calculer). */
const OPTIONS = { mode: 0, tag_key: undefined, map_value: undefined, warnings_severity: undefined, locale: 'fr' } as const;

export const OPENING_HOURS_EXAMPLE = 'Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off';

export type OpeningHoursCheck = { ok: true; value: string; corrected: boolean } | { ok: false; message: string };

const parsed = new Map<string, OpeningHours>();

/** Les horaires lus une fois par valeur distincte : un annuaire partage souvent les mêmes. */
function parse(value: string): OpeningHours {
  let hours = parsed.get(value);
  if (!hours) {
    hours = new OpeningHours(value, FRANCE, OPTIONS);
    if (parsed.size > 5000) parsed.clear();
    parsed.set(value, hours);
  }
  return hours;
}

/**
 * Vérifie des horaires saisis. Une valeur comprise mais mal écrite (« Lu-Ve » au lieu de « Mo-Fr ») est
 * réécrite dans sa forme normale ; une valeur incompréhensible est refusée avec l'explication de la bibliothèque.
 */
export function checkOpeningHours(raw: string): OpeningHoursCheck {
  const value = raw.trim();
  try {
    const hours = new OpeningHours(value, FRANCE, OPTIONS);
    if (hours.getWarnings().length === 0) return { ok: true, value, corrected: false };
    const normal = hours.prettifyValue();
    return { ok: true, value: normal, corrected: normal !== value };
  } catch (error) {
    const detail = String(error).split(/;\s/)[0]!.replace(/\s+/g, ' ').trim();
    return {
      ok: false,
      message: `Horaires non reconnus (format OpenStreetMap) : ${detail}. Exemple : « ${OPENING_HOURS_EXAMPLE} ».`,
    };
  }
}

const weekday = new Intl.DateTimeFormat('fr-FR', { weekday: 'long' });
const dayAndMonth = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long' });

/** 9 h, 17 h 30 : l'heure comme on l'écrit en français. */
export function frenchTime(date: Date) {
  const minutes = date.getMinutes();
  return `${date.getHours()}${NBSP}h${minutes ? `${NBSP}${String(minutes).padStart(2, '0')}` : ''}`;
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
const daysBetween = (from: Date, to: Date) => Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / 86_400_000);

/** « aujourd'hui », « demain », « lundi », puis « le 5 janvier » au-delà d'une semaine. */
function whenFrom(now: Date, date: Date) {
  const days = daysBetween(now, date);
  if (days === 0) return "aujourd'hui";
  if (days === 1) return 'demain';
  if (days < 7) return weekday.format(date);
  return `le ${date.getDate()} ${date.toLocaleDateString('fr-FR', { month: 'long' })}`;
}

export interface OpeningStatus {
  open: boolean | null;
  text: string;
}

const statuses = new Map<string, { status: OpeningStatus; since: number; until: number }>();

/**
 * L'état à cet instant, dit en une ligne. Sans horaires : `null`. La phrase tient jusqu'au prochain changement
 * d'horaire ou jusqu'à minuit (« demain » devient « aujourd'hui ») : elle est gardée jusque-là.
 */
export function openingStatus(value: string | null, now: Date): OpeningStatus | null {
  if (!value) return null;
  const cached = statuses.get(value);
  if (cached && cached.since <= now.getTime() && now.getTime() < cached.until) return cached.status;
  const hours = parse(value);
  const next = hours.getNextChange(now);
  const status = describe(hours, now, next);
  const until = Math.min(next?.getTime() ?? Number.POSITIVE_INFINITY, addDays(startOfDay(now), 1).getTime());
  if (statuses.size > 5000) statuses.clear();
  statuses.set(value, { status, since: now.getTime(), until });
  return status;
}

function describe(hours: OpeningHours, now: Date, next: Date | undefined): OpeningStatus {
  const comment = hours.getComment(now);
  if (hours.getUnknown(now)) return { open: null, text: comment ? capitalise(comment) : 'Horaires à confirmer' };
  const open = hours.getState(now);
  if (open) {
    if (!next) return { open, text: 'Ouvert maintenant' };
    const day = daysBetween(now, next) === 0 ? '' : `${whenFrom(now, next)} `;
    return { open, text: `Ouvert maintenant · ferme ${day}à ${frenchTime(next)}` };
  }
  if (!next) return { open, text: 'Fermé' };
  return { open, text: `Fermé · ouvre ${whenFrom(now, next)} à ${frenchTime(next)}` };
}

const openDays = new Map<string, boolean>();

/** Ouvert à un moment de la journée de `day` (le filtre « ouvert tel jour ») ; la réponse d'un jour est gardée. */
export function isOpenOnDay(value: string | null, day: Date) {
  if (!value) return false;
  const from = startOfDay(day);
  const key = `${from.getTime()} ${value}`;
  let open = openDays.get(key);
  if (open === undefined) {
    open = parse(value)
      .getOpenIntervals(from, addDays(from, 1))
      .some(([, , unknown]) => !unknown);
    if (openDays.size > 20_000) openDays.clear();
    openDays.set(key, open);
  }
  return open;
}

const states = new Map<string, { value: boolean; since: number; until: number }>();

/** Ouvert à cet instant. L'état tient jusqu'au prochain changement d'horaire : il est gardé jusque-là. */
export function isOpenAt(value: string | null, at: Date) {
  if (!value) return false;
  const cached = states.get(value);
  if (cached && cached.since <= at.getTime() && at.getTime() < cached.until) return cached.value;
  const hours = parse(value);
  const next = hours.getNextChange(at);
  const state = { value: hours.getState(at), since: at.getTime(), until: next ? next.getTime() : Number.POSITIVE_INFINITY };
  if (states.size > 5000) states.clear();
  states.set(value, state);
  return state.value;
}

export interface DaySchedule {
  date: Date;
  label: string;
  today: boolean;
  holiday: boolean;
  /** « 9 h – 12 h », « 13 h 30 – 17 h 30 » ; vide : fermé. */
  intervals: string[];
  comment: string | null;
}

const PUBLIC_HOLIDAYS = () => parse('PH');

const holidayCalendars = new Map<string, OpeningHours>();
const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * Les jours fériés français (AAAA-MM-JJ) entre deux jours compris, par la même bibliothèque que l'annuaire ; en
 * Alsace-Moselle, Vendredi saint et Saint-Étienne en plus.
 */
export function publicHolidayDays(from: string, to: string, alsaceMoselle = false): Set<string> {
  const state = alsaceMoselle ? 'Moselle' : '';
  let calendar = holidayCalendars.get(state);
  if (!calendar)
    holidayCalendars.set(state, (calendar = new OpeningHours('PH', { ...FRANCE, address: { country_code: 'fr', state } }, OPTIONS)));
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return new Set(calendar.getOpenIntervals(new Date(fy, fm - 1, fd), new Date(ty, tm - 1, td + 1)).map(([start]) => dayOf(start)));
}

/** Les sept jours à partir d'aujourd'hui, jours fériés compris : ce que la personne trouvera en y allant. */
export function weekSchedule(value: string, now: Date): DaySchedule[] {
  const hours = parse(value);
  return Array.from({ length: 7 }, (_, index) => {
    const date = addDays(startOfDay(now), index);
    const intervals = hours.getOpenIntervals(date, addDays(date, 1));
    const comments = intervals.map(([, , , comment]) => comment).filter((c): c is string => Boolean(c));
    return {
      date,
      label: capitalise(dayAndMonth.format(date)),
      today: index === 0,
      holiday: PUBLIC_HOLIDAYS().getState(new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12)),
      intervals: intervals.map(([from, to]) =>
        isWholeDay(from, to, date) ? 'Toute la journée (24\u00a0h sur 24)' : `${frenchTime(from)} – ${endTime(to, date)}`,
      ),
      comment: comments[0] ?? null,
    };
  });
}

const isWholeDay = (from: Date, to: Date, day: Date) => from.getTime() === day.getTime() && to.getTime() === addDays(day, 1).getTime();

/** Une plage qui va jusqu'à minuit s'écrit « 24 h ». */
const endTime = (to: Date, day: Date) =>
  daysBetween(day, to) > 0 && to.getHours() === 0 && to.getMinutes() === 0 ? `24${NBSP}h` : frenchTime(to);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
