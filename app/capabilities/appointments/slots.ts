// Les créneaux libres (issue 22), en règles pures : les plages d'ouverture d'un médiateur sur un lieu (récurrence
// hebdomadaire ou mensuelle, calculée par `rrule`), moins les jours fériés (ceux de l'annuaire, `opening_hours`), les absences et les rendez-vous déjà pris,
// découpées à la durée du motif, dans la fenêtre de réservation du motif (30 min → 3 mois, comme RDV Service Public).
import * as rrule from 'rrule';
import type { Weekday } from 'rrule';
import { addDays, localDateTime, localDay } from '../../platform/time';
import { publicHolidayDays } from '../directory/opening-hours';

// rrule est publié en CommonJS pour Node (la CLI, par tsx) : ses exports nommés n'y sont visibles que sous `default`.
const { RRule } = ((rrule as { default?: typeof rrule }).default ?? rrule) as typeof rrule;

/** Lundi = 0 … dimanche = 6 (l'ordre de `rrule`). */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface OpeningRange {
  id: string;
  agentId: string;
  siteId: string;
  motifIds: string[];
  /** Premier jour (AAAA-MM-JJ) ; dernier jour compris, ou null sans fin. */
  firstDay: string;
  lastDay: string | null;
  /** Heures locales « HH:MM » ; la fin après le début. */
  startTime: string;
  endTime: string;
  /**
   * Toutes les `interval` semaines, les jours donnés ; ou tous les `interval` mois, le n-ième jour donné
   * (`nth` 1 à 4, ou -1 pour le dernier : « le premier mardi du mois »).
   */
  recurrence:
    | { frequency: 'hebdomadaire'; interval: number; weekdays: WeekdayIndex[] }
    | { frequency: 'mensuelle'; interval: number; weekday: WeekdayIndex; nth: number };
}

export interface Motif {
  id: string;
  durationMinutes: number;
  /** Délai minimal avant un rendez-vous pris en ligne (30 min par défaut) et horizon de réservation (en jours). */
  minNoticeMinutes: number;
  maxDaysAhead: number;
}

/** Un moment où l'agent n'est pas libre : un rendez-vous, une absence (congé, formation). */
export interface Busy {
  agentId: string;
  start: Date;
  end: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  agentId: string;
  siteId: string;
  rangeId: string;
}

const RRULE_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const asUtcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** Les jours (AAAA-MM-JJ) où une plage s'ouvre, entre deux jours compris. */
export function openingDays(range: OpeningRange, from: string, to: string): string[] {
  const last = range.lastDay && range.lastDay < to ? range.lastDay : to;
  if (last < from || last < range.firstDay) return [];
  const byweekday: Weekday[] =
    range.recurrence.frequency === 'hebdomadaire'
      ? range.recurrence.weekdays.map((d) => RRULE_DAYS[d]!)
      : [RRULE_DAYS[range.recurrence.weekday]!.nth(range.recurrence.nth)];
  // `rrule` compte en UTC : des jours « flottants », sans heure ni fuseau, que l'heure locale est ensuite posée.
  const rule = new RRule({
    freq: range.recurrence.frequency === 'hebdomadaire' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: range.recurrence.interval,
    byweekday,
    wkst: RRule.MO,
    dtstart: asUtcDay(range.firstDay),
    until: asUtcDay(last),
  });
  const start = from > range.firstDay ? from : range.firstDay;
  return rule.between(asUtcDay(start), asUtcDay(last), true).map((d) => d.toISOString().slice(0, 10));
}

/** Les jours fériés de France (métropole ; avec l'Alsace-Moselle, Vendredi saint et Saint-Étienne) d'une période. */
export const publicHolidays = (from: string, to: string, options: { alsace?: boolean } = {}) =>
  publicHolidayDays(from, to, options.alsace ?? false);

/** La fenêtre où un habitant peut réserver ce motif : [maintenant + délai, maintenant + horizon]. */
export function bookingWindow(motif: Motif, now: Date) {
  return {
    earliest: new Date(now.getTime() + motif.minNoticeMinutes * 60_000),
    latest: new Date(now.getTime() + motif.maxDaysAhead * 86_400_000),
  };
}

/**
 * Les moments occupés de chaque agent, réunis en intervalles disjoints et triés (en millisecondes) : un créneau
 * chevauche un moment occupé si le premier intervalle qui finit après son début commence avant sa fin (dichotomie).
 */
function busyIndex(busy: Busy[]) {
  const byAgent = new Map<string, Array<[number, number]>>();
  for (const b of busy) {
    const list = byAgent.get(b.agentId) ?? [];
    list.push([b.start.getTime(), b.end.getTime()]);
    byAgent.set(b.agentId, list);
  }
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of list) {
      const last = merged.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    byAgent.set(agentId, merged);
  }
  return (agentId: string, start: number, end: number) => {
    const list = byAgent.get(agentId);
    if (!list) return false;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (list[middle]![1] > start) high = middle;
      else low = middle + 1;
    }
    return low < list.length && list[low]![0] < end;
  };
}

/**
 * Les créneaux libres d'un motif entre deux jours : chaque plage qui sert ce motif, chaque jour où elle s'ouvre
 * (hors jour férié), découpée à la durée du motif ; un créneau qui chevauche un moment occupé de son agent, ou hors
 * de la fenêtre de réservation, est écarté. Triés par heure, puis par agent.
 */
export function freeSlots(input: {
  ranges: OpeningRange[];
  motif: Motif;
  busy: Busy[];
  holidays: Set<string>;
  now: Date;
  from: string;
  to: string;
}): Slot[] {
  const { motif } = input;
  const window = bookingWindow(motif, input.now);
  const from = input.from > localDay(window.earliest) ? input.from : localDay(window.earliest);
  const lastBookable = localDay(window.latest);
  const to = input.to < lastBookable ? input.to : lastBookable;
  const isBusy = busyIndex(input.busy);
  // Une heure locale se calcule une fois par jour et par heure, quel que soit le nombre de plages qui la partagent.
  const instants = new Map<string, number>();
  const instant = (day: string, time: string) => {
    const key = `${day}T${time}`;
    let value = instants.get(key);
    if (value === undefined) instants.set(key, (value = localDateTime(key).getTime()));
    return value;
  };
  const [earliest, latest] = [window.earliest.getTime(), window.latest.getTime()];
  const step = motif.durationMinutes * 60_000;
  const slots: Slot[] = [];
  for (const range of input.ranges) {
    if (!range.motifIds.includes(motif.id)) continue;
    for (const day of openingDays(range, from, to)) {
      if (input.holidays.has(day)) continue;
      const close = instant(day, range.endTime);
      for (let start = instant(day, range.startTime); start + step <= close; start += step) {
        if (start < earliest || start > latest || isBusy(range.agentId, start, start + step)) continue;
        slots.push({
          start: new Date(start),
          end: new Date(start + step),
          agentId: range.agentId,
          siteId: range.siteId,
          rangeId: range.id,
        });
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime() || a.agentId.localeCompare(b.agentId));
}

/** Deux plages d'un même agent qui se chevauchent (un jour commun, des heures communes) : à signaler, sans bloquer. */
export function rangesOverlap(a: OpeningRange, b: OpeningRange, horizonDays = 366): boolean {
  if (a.agentId !== b.agentId || a.id === b.id) return false;
  if (!(a.startTime < b.endTime && b.startTime < a.endTime)) return false;
  const from = a.firstDay > b.firstDay ? a.firstDay : b.firstDay;
  const to = addDays(from, horizonDays);
  const days = new Set(openingDays(a, from, to));
  return openingDays(b, from, to).some((day) => days.has(day));
}

/** Une heure libre chez plusieurs agents d'un même lieu ne se propose qu'une fois (à la personne, au partenaire). */
export function oncePerSiteAndTime(slots: readonly Slot[]): Slot[] {
  const seen = new Set<string>();
  return slots.filter((slot) => {
    const key = `${slot.siteId}|${slot.start.getTime()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
