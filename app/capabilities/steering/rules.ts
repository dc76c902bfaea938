// Règles du pilotage, fonctions pures testées dans rules.test.ts : la charge des médiateurs et son signal,
// la part du « fait à la place » dans le temps.
import { mondayOf } from '../../platform/time';

/** Trois semaines de suite au-dessus du seuil : la charge « reste » trop haute, le signal s'allume. */
export const WEEKS_IN_A_ROW = 3;

export interface WeekLoad {
  mediatorId: string;
  week: string;
  count: number;
  minutes: number;
}

export interface WorkloadLine {
  mediatorId: string;
  weeks: number;
  averageMinutes: number;
  averageCount: number;
  weeksAbove: number;
  lastWeeks: Array<{ week: string; minutes: number }>;
  alert: boolean;
}

/** Lundi de chaque semaine de la période (« 2026-11-23 »), pour compter aussi les semaines sans activité. */
export function weeksOf(du: string, au: string) {
  const start = new Date(`${mondayOf(du)}T12:00:00Z`);
  const weeks: string[] = [];
  for (let d = start; d.toISOString().slice(0, 10) <= au; d = new Date(d.getTime() + 7 * 86_400_000))
    weeks.push(d.toISOString().slice(0, 10));
  return weeks;
}

/**
 * Les semaines entières de la période (du lundi au dimanche, toutes deux dedans) : une période qui commence un
 * mercredi ou finit un mardi n'a de ces semaines-là que quelques jours, qui tiraient la moyenne de charge vers le bas.
 */
export function completeWeeksOf(du: string, au: string) {
  const sunday = (monday: string) => new Date(new Date(`${monday}T12:00:00Z`).getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
  return weeksOf(du, au).filter((monday) => monday >= du && sunday(monday) <= au);
}

/**
 * La charge de chaque médiateur sur les semaines de la période. La semaine en cours (lundi `currentMonday`) n'est pas
 * finie : elle ne compte ni dans la moyenne ni dans le signal (sinon un lundi matin l'éteindrait), comme sur la page
 * d'accueil du responsable.
 */
export function workloadLines(
  loads: readonly WeekLoad[],
  periodWeeks: readonly string[],
  threshold: number,
  currentMonday: string,
): WorkloadLine[] {
  const weeks = periodWeeks.filter((week) => week < currentMonday);
  const byMediator = new Map<string, Map<string, WeekLoad>>();
  for (const load of loads) {
    if (!byMediator.has(load.mediatorId)) byMediator.set(load.mediatorId, new Map());
    byMediator.get(load.mediatorId)!.set(load.week, load);
  }
  return [...byMediator].map(([mediatorId, perWeek]) => {
    const series = weeks.map((week) => ({ week, minutes: perWeek.get(week)?.minutes ?? 0, count: perWeek.get(week)?.count ?? 0 }));
    const total = series.reduce((sum, w) => sum + w.minutes, 0);
    const lastWeeks = series.slice(-WEEKS_IN_A_ROW);
    return {
      mediatorId,
      weeks: series.length,
      averageMinutes: series.length ? Math.round(total / series.length) : 0,
      averageCount: series.length ? Math.round((series.reduce((sum, w) => sum + w.count, 0) / series.length) * 10) / 10 : 0,
      weeksAbove: series.filter((w) => w.minutes > threshold).length,
      lastWeeks: lastWeeks.map(({ week, minutes }) => ({ week, minutes })),
      alert: lastWeeks.length === WEEKS_IN_A_ROW && lastWeeks.every((w) => w.minutes > threshold),
    };
  });
}

/** « 30 h », « 2 h 05 » : une durée en minutes lisible. */
export function hours(minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const whole = h.toLocaleString('fr-FR'); // « 8 084 h 40 » : séparateur des milliers
  return h === 0 ? `${m} min` : m === 0 ? `${whole} h` : `${whole} h ${String(m).padStart(2, '0')}`;
}

/** La part de chaque mode d'aide par période : la baisse du « fait à la place » dit les progrès d'autonomie. */
export function modeShares<T extends string | number>(
  rows: ReadonlyArray<{ period: T; mode: string; count: number }>,
  modes: readonly string[],
) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  return periods.map((period) => {
    const total = rows.filter((r) => r.period === period).reduce((sum, r) => sum + r.count, 0);
    return {
      period,
      total,
      shares: Object.fromEntries(
        modes.map((mode) => [
          mode,
          total
            ? Math.round((rows.filter((r) => r.period === period && r.mode === mode).reduce((s, r) => s + r.count, 0) / total) * 1000) / 10
            : 0,
        ]),
      ),
    };
  });
}
