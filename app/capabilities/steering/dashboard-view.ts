// Ce que montre la page de pilotage, tiré des indicateurs lus pour un jeu de filtres : chiffres clés, séries des
// graphiques, charge par médiateur, données ouvertes. Fonction pure : la route lit, cette fonction met en forme.
import { DIGITAL_SKILLS } from '../../vocabulary/coop';
import { can } from '../../platform/policies';
import { BLOCKED_CAUSES, MODES } from '../reception/vocabulary';
import type { Agent } from '../../platform/authorize.server';
import type { readDashboard } from './dashboard.server';
import { filterQuery, growth, share, type SteeringFilters } from './filters';
import type { Labels } from './detail';
import { completeWeeksOf, hours, modeShares, workloadLines } from './rules';
import { mondayOf } from '../../platform/time';

const monthLabel = new Intl.DateTimeFormat('fr-FR', {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const dayLabel = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longDay = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeZone: 'UTC',
});
const month = (ym: string) => monthLabel.format(new Date(`${ym}-15T12:00:00Z`));

/**
 * L'évolution compte des années civiles ; la dernière s'arrête à la fin de la période. Son libellé le dit : sans
 * quoi « 2026 » à côté du total de septembre à décembre 2026 semble un chiffre faux.
 */
export function yearLabel(year: number, au: string) {
  const auYear = Number(au.slice(0, 4));
  if (year !== auYear || au.endsWith('-12-31')) return String(year);
  return `${year} (jusqu'au ${dayLabel.format(new Date(`${au}T12:00:00Z`))})`;
}

export interface DashboardViewInput {
  agent: Agent;
  whole: boolean;
  params: URLSearchParams;
  filters: SteeringFilters;
  notices: string[];
  organisations: Record<string, string>;
  members: Array<{ userId: string; displayName: string }>;
  sites: Array<{ id: string; name: string; active: boolean }>;
  labels: Labels;
  dashboard: Awaited<ReturnType<typeof readDashboard>>;
  /** Le jour de la consultation (« 2026-12-04 ») : la semaine en cours, pas finie, reste hors du signal de charge. */
  today: string;
}

export function dashboardView({
  agent,
  whole,
  params,
  filters,
  notices,
  organisations,
  members,
  sites,
  labels,
  dashboard,
  today,
}: DashboardViewInput) {
  const { indicators: ind, waiting, activeMandates, referrals, appointments, workshops, autonomy, threshold, openData } = dashboard;
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const doneInstead = ind.byYearMode.length
    ? modeShares(
        ind.byYearMode.map((r) => ({
          period: r.year,
          mode: r.mode,
          count: r.count,
        })),
        Object.keys(MODES),
      )
    : [];
  const periodModes = modeShares(
    ind.byMonthMode.map((r) => ({
      period: r.month,
      mode: r.mode,
      count: r.count,
    })),
    Object.keys(MODES),
  );
  const doneInsteadCount = ind.byMonthMode.filter((r) => r.mode === 'fait_a_la_place').reduce((s, r) => s + r.count, 0);
  // La charge se lit sur les semaines entières de la période (une semaine entamée ferait une moyenne trop basse).
  const weeks = completeWeeksOf(filters.du, filters.au);
  return {
    whole,
    canSetThreshold: can(agent, 'pilotage.parametrer'),
    filters,
    notices,
    query: filterQuery(filters),
    options: {
      lieu: sites.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (retiré)` })),
      mediateur: members.map((m) => ({
        value: m.userId,
        label: m.displayName,
      })),
      organisme: Object.entries(organisations).map(([value, label]) => ({
        value,
        label,
      })),
    },
    period: `du ${longDay.format(new Date(`${filters.du}T12:00:00Z`))} au ${longDay.format(new Date(`${filters.au}T12:00:00Z`))}`,
    total: ind.total.count,
    time: hours(ind.total.minutes),
    doneInsteadShare: share(doneInsteadCount, ind.total.count),
    activeMandates,
    autonomy: autonomy && autonomy.repeated > 0 ? { ...autonomy, improvedShare: share(autonomy.improved, autonomy.repeated) } : null,
    referrals: referrals && { ...referrals, closedShare: share(referrals.closed, referrals.sent) },
    appointments,
    workshops,
    workshopThemes: (workshops?.themes ?? [])
      .filter((t) => t.held > 0)
      .sort((a, b) => b.present - a.present)
      .map((t) => ({
        label: DIGITAL_SKILLS[t.theme as keyof typeof DIGITAL_SKILLS] ?? t.theme,
        value: t.present,
        text: t.fillRate === null ? String(t.present) : `${t.present} (${t.fillRate} %)`,
      })),
    byYear: ind.byYear.map((y, i) => ({
      label: yearLabel(y.year, filters.au),
      value: y.count,
      growth: growth(y.count, ind.byYear[i - 1]?.count),
    })),
    byMonth: ind.byMonth.map((m) => ({
      label: month(m.month),
      value: m.count,
    })),
    modesByYear: doneInstead.map((p) => ({
      label: yearLabel(Number(p.period), filters.au),
      shares: p.shares,
    })),
    modesByMonth: periodModes.map((p) => ({
      label: month(String(p.period)),
      shares: p.shares,
    })),
    byOrganisation: ind.byOrganisation.slice(0, 12).map((c) => ({ label: labels.organisation(c.key), value: c.count })),
    byTheme: ind.byTheme.map((c) => ({
      label: labels.theme(c.key),
      value: c.count,
    })),
    byLevel: ind.byLevel.map((c) => ({
      label: labels.level(c.key),
      value: c.count,
      text: `${c.count} (${share(c.count, ind.total.count)} %)`,
    })),
    byOutcome: ind.byOutcome.map((c) => ({
      label: labels.outcome(c.key),
      value: c.count,
      text: `${c.count} (${share(c.count, ind.total.count)} %)`,
    })),
    byCause: ind.byCause.map((c) => ({
      label: `${labels.cause(c.key)} (${BLOCKED_CAUSES[c.key as keyof typeof BLOCKED_CAUSES]?.side === 'institution' ? 'institution' : 'personne'})`,
      value: c.count,
    })),
    waiting: waiting.map((w) => ({
      label: month(w.month),
      value: w.average ?? 0,
      text: w.average === null ? '—' : `${w.average} min`,
      median: w.median === null ? '—' : `${w.median} min`,
      received: w.received,
      left: w.left,
    })),
    threshold,
    thresholdHours: Math.round(threshold / 60),
    workload: workloadLines(ind.workload, weeks, threshold, mondayOf(today))
      .map((line) => ({
        ...line,
        name: names.get(line.mediatorId) ?? 'Agent',
        average: hours(line.averageMinutes),
        last: line.lastWeeks.map((w) => `${dayLabel.format(new Date(`${w.week}T12:00:00Z`))} : ${hours(w.minutes)}`).join(' · '),
      }))
      .sort((a, b) => b.averageMinutes - a.averageMinutes),
    saved: params.get('seuil') === 'enregistre',
    openData: { ...openData, url: `/donnees-ouvertes/${openData.slug}.csv` },
    openDataNotice: params.get('donnees'),
  };
}
