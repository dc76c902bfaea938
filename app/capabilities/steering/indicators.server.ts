// Les indicateurs du pilotage en une seule lecture des sollicitations (GROUPING SETS) : volumes par année et par
// mois, organismes, thématiques, niveaux, modes d'aide dans le temps, résultats, causes de blocage, charge par
// médiateur et par semaine. S'y ajoutent l'attente à l'accueil et les mandats actifs, petites requêtes à part.
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import type { SteeringFilters } from './filters';
import { weeksOf } from './rules';
import { filterConditions, periodEnd, periodStart, solicitationsFrom } from './scope.server';
import { zoneSql } from '../../platform/time.server';

type Dimension = 'mois_mode' | 'organisme' | 'thematique' | 'niveau' | 'resultat' | 'cause' | 'semaine_mediateur';

interface Row {
  dimension: Dimension;
  month: number | null;
  week: number | null;
  key: string | null;
  n: number;
  minutes: number;
}

export interface Count {
  key: string;
  count: number;
}

export interface Indicators {
  total: { count: number; minutes: number };
  byYear: Array<{ year: number; count: number }>;
  byYearMode: Array<{ year: number; mode: string; count: number }>;
  byMonth: Array<{ month: string; count: number }>;
  byMonthMode: Array<{ month: string; mode: string; count: number }>;
  byOrganisation: Count[];
  byTheme: Count[];
  byLevel: Count[];
  byOutcome: Count[];
  byCause: Count[];
  workload: Array<{ mediatorId: string; week: string; count: number; minutes: number }>;
}

export const FIRST_YEAR = 2000;

/** Les mois (« 2026-01 ») et les lundis (« 2026-01-05 ») de la période, dans l'ordre des bornes SQL ci-dessous. */
export function periodBuckets(du: string, au: string) {
  const months: string[] = [];
  let [year, month] = du.split('-').map(Number) as [number, number];
  for (let label = du.slice(0, 7); label <= au.slice(0, 7); label = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(label);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return { months, weeks: weeksOf(du, au) };
}

/**
 * Deux lectures seulement. Les sollicitations sont rangées par année, mois et semaine avec width_bucket sur des
 * bornes calculées une fois à l'heure de Paris : convertir le fuseau de chaque ligne coûterait plus cher que tout
 * le reste (mesuré : ×3 sur PostgreSQL embarqué).
 */
export async function readIndicators(tx: Tx, structureId: string, filters: SteeringFilters): Promise<Indicators> {
  const from = solicitationsFrom(filters);
  const where = filterConditions(structureId, filters);
  const auYear = Number(filters.au.slice(0, 4));
  // L'histoire avant la période, par année et mode d'aide ; la période elle-même vient de la lecture suivante (ses
  // mois). Sans autre filtre que la période, les mois passés se lisent dans les compteurs mensuels.
  const history = onlyPeriod(filters)
    ? await sqlRows<{ year: number; mode: string; n: number }>(
        tx,
        sql`select extract(year from month)::int as year, mode, sum(count)::int as n
          from solicitation_month_counts
          where structure_id = ${structureId} and month >= make_date(${FIRST_YEAR}::int, 1, 1) and month < date_trunc('month', ${filters.du}::date)::date
          group by 1, 2 having sum(count) > 0
          union all
          select extract(year from ${filters.du}::date)::int, s.mode, count(*)::int
          from solicitations s
          where s.structure_id = ${structureId} and s.occurred_at >= date_trunc('month', ${filters.du}::date)::timestamp at time zone ${zoneSql()}
            and s.occurred_at < ${periodStart(filters)}
          group by 2`,
      )
    : (
        await sqlRows<{ bucket: number; mode: string; n: number }>(
          tx,
          sql`select width_bucket(s.occurred_at, array(select make_date(y, 1, 1)::timestamp at time zone ${zoneSql()} from generate_series(${FIRST_YEAR}::int, ${auYear}::int) y)) as bucket,
              s.mode, count(*)::int as n
            from ${from}
            where ${where} and s.occurred_at < ${periodStart(filters)}
            group by 1, 2`,
        )
      )
        .filter((r) => r.bucket > 0)
        .map((r) => ({ year: FIRST_YEAR - 1 + r.bucket, mode: r.mode, n: r.n }));
  const rows = await sqlRows<Row>(
    tx,
    sql`with f as (
        select
          width_bucket(s.occurred_at, array(select g::timestamp at time zone ${zoneSql()} from generate_series(date_trunc('month', ${filters.du}::date), ${filters.au}::date, interval '1 month') g)) as month,
          width_bucket(s.occurred_at, array(select g::timestamp at time zone ${zoneSql()} from generate_series(date_trunc('week', ${filters.du}::date), ${filters.au}::date, interval '1 week') g)) as week,
          s.organisations[1] as organisation, s.theme, s.level, s.mode, s.outcome, s.blocked_cause,
          s.mediator_id::text as mediator, s.duration_minutes
        from ${from}
        where ${where} and s.occurred_at >= ${periodStart(filters)} and s.occurred_at < ${periodEnd(filters)}
      )
      select
        case
          when grouping(month, mode) = 0 then 'mois_mode'
          when grouping(organisation) = 0 then 'organisme'
          when grouping(theme) = 0 then 'thematique'
          when grouping(level) = 0 then 'niveau'
          when grouping(outcome) = 0 then 'resultat'
          when grouping(blocked_cause) = 0 then 'cause'
          else 'semaine_mediateur'
        end as dimension,
        month, week,
        coalesce(mode, organisation, theme, level, outcome, blocked_cause, mediator) as key,
        count(*)::int as n,
        coalesce(sum(duration_minutes), 0)::int as minutes
      from f
      group by grouping sets ((month, mode), (organisation), (theme), (level), (outcome), (blocked_cause), (week, mediator))`,
  );
  const { months, weeks } = periodBuckets(filters.du, filters.au);
  const of = (dimension: Dimension) => rows.filter((r) => r.dimension === dimension);
  const counts = (dimension: Dimension) =>
    of(dimension)
      .map((r) => ({ key: r.key ?? 'non_renseigne', count: r.n }))
      // À égalité, l'ordre des clés : le même affichage d'une lecture à l'autre, quel que soit l'ordre des lignes.
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const byMonthMode = of('mois_mode')
    .map((r) => ({ month: months[r.month! - 1]!, mode: r.key!, count: r.n }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.mode.localeCompare(b.mode));
  const byYearMode = yearsAndModes([
    ...history.map((r) => ({ year: r.year, mode: r.mode, count: r.n })),
    ...byMonthMode.map((r) => ({ year: Number(r.month.slice(0, 4)), mode: r.mode, count: r.count })),
  ]);
  // Le total se lit dans les niveaux (chaque ligne a un niveau, NULL compris) : l'ensemble vide () coûtait un tri
  // de plus de toute la période (mesuré : 74 → 49 ms sur la démo d'Alpha, PostgreSQL embarqué).
  const levels = of('niveau');
  return {
    total: { count: levels.reduce((sum, r) => sum + r.n, 0), minutes: levels.reduce((sum, r) => sum + r.minutes, 0) },
    byYear: sumBy(byYearMode, (r) => r.year).map(([year, count]) => ({ year, count })),
    byYearMode,
    byMonth: sumBy(byMonthMode, (r) => r.month).map(([month, count]) => ({ month, count })),
    byMonthMode,
    byOrganisation: counts('organisme'),
    byTheme: counts('thematique'),
    byLevel: counts('niveau'),
    byOutcome: counts('resultat'),
    byCause: counts('cause').filter((c) => c.key !== 'non_renseigne'),
    workload: of('semaine_mediateur')
      .map((r) => ({ mediatorId: r.key!, week: weeks[r.week! - 1]!, count: r.n, minutes: r.minutes }))
      .sort((a, b) => a.week.localeCompare(b.week) || a.mediatorId.localeCompare(b.mediatorId)),
  };
}

/** Aucun filtre que la période : les compteurs mensuels suffisent pour l'histoire. */
export const onlyPeriod = (filters: SteeringFilters) =>
  Object.entries(filters).every(([key, value]) => key === 'du' || key === 'au' || !value);

/** Additionne les comptes d'une même année et d'un même mode (l'année où commence la période vient des deux lectures). */
export function yearsAndModes(rows: ReadonlyArray<{ year: number; mode: string; count: number }>) {
  const sums = new Map<string, { year: number; mode: string; count: number }>();
  for (const r of rows) {
    const key = `${r.year}:${r.mode}`;
    const entry = sums.get(key) ?? { year: r.year, mode: r.mode, count: 0 };
    entry.count += r.count;
    sums.set(key, entry);
  }
  return [...sums.values()].sort((a, b) => a.year - b.year || a.mode.localeCompare(b.mode));
}

/** Total par clé, dans l'ordre des clés. */
function sumBy<T extends { count: number }, K extends string | number>(rows: readonly T[], key: (row: T) => K): Array<[K, number]> {
  const sums = new Map<K, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + row.count);
  return [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Attente à l'accueil sur la période, par mois : moyenne et médiane des personnes reçues, départs sans être reçu.
 * En double précision (date_part) : `extract` rend un numeric, dont la moyenne et le tri coûtaient le double (mesuré
 * sur l’année d’Alpha, 12 000 arrivées : 22 → 15 ms) ; l’arrondi reste celui du numeric.
 */
export async function readWaiting(tx: Tx, structureId: string, filters: SteeringFilters) {
  const { months } = periodBuckets(filters.du, filters.au);
  const rows = await sqlRows<{ month: number; received: number; left: number; average: number | null; median: number | null }>(
    tx,
    sql`select width_bucket(arrived_at, array(select g::timestamp at time zone ${zoneSql()} from generate_series(date_trunc('month', ${filters.du}::date), ${filters.au}::date, interval '1 month') g)) as month,
        (count(*) filter (where taken_at is not null))::int as received,
        (count(*) filter (where left_at is not null))::int as left,
        round(avg(date_part('epoch', taken_at - arrived_at) / 60)::numeric)::int as average,
        round((percentile_cont(0.5) within group (order by date_part('epoch', taken_at - arrived_at) / 60))::numeric)::int as median
      from queue_entries
      where structure_id = ${structureId} and arrived_at >= ${periodStart(filters)} and arrived_at < ${periodEnd(filters)}
      group by 1 order by 1`,
  );
  return rows.map((r) => ({ ...r, month: months[r.month - 1]! }));
}

/** Mandats actifs aujourd'hui (signés, ni échus ni révoqués). */
export async function countActiveMandates(tx: Tx, structureId: string, now: Date) {
  const [row] = await sqlRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from mandates
      where structure_id = ${structureId} and signed_at is not null and revoked_at is null and expires_at > ${now}`,
  );
  return row?.n ?? 0;
}

/**
 * Les orientations envoyées sur la période : combien, combien closes (réponse du partenaire, ou résultat noté par la
 * structure pour un lieu sans compte), et le délai médian entre l'envoi et le résultat, en jours.
 */
export async function readReferralFigures(tx: Tx, structureId: string, filters: SteeringFilters) {
  const [row] = await sqlRows<{ sent: number; closed: number; median_days: number | null }>(
    tx,
    sql`select count(*)::int as sent,
        count(*) filter (where coalesce(h.status, r.status) = 'close')::int as closed,
        percentile_cont(0.5) within group (order by extract(epoch from coalesce(h.outcome_at, r.outcome_at) - r.created_at) / 86400)
          filter (where coalesce(h.outcome_at, r.outcome_at) is not null) as median_days
      from referrals r
      left join referral_handoffs h on h.id = r.id and h.structure_id = r.partner_structure_id
      where r.structure_id = ${structureId}
        and r.created_at >= ${periodStart(filters)} and r.created_at < ${periodEnd(filters)}
        ${filters.mediateur ? sql`and r.created_by = ${filters.mediateur}` : sql``}`,
  );
  // Le délai au dixième de jour : c'est ainsi qu'il se lit partout (page, export, rapport annuel).
  const medianDays = row?.median_days === null || row?.median_days === undefined ? null : Math.round(Number(row.median_days) * 10) / 10;
  return { sent: row?.sent ?? 0, closed: row?.closed ?? 0, medianDays };
}

export type ReferralFigures = Awaited<ReturnType<typeof readReferralFigures>>;
