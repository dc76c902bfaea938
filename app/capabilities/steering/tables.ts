// Les tableaux d'indicateurs des exports, tirés du tableau de bord : une feuille du classeur XLSX chacun, un bloc du
// CSV des indicateurs. Fonctions pures, testées sur le jeu connu d'indicators.test.ts.
import type { Dashboard } from './dashboard.server';
import type { Labels } from './detail';
import type { SteeringFilters } from './filters';

export interface IndicatorTable {
  name: string;
  /** Combien de colonnes, en tête, désignent la ligne (année, mode…) ; les suivantes sont des valeurs. */
  keys: number;
  headers: string[];
  rows: Array<Array<string | number>>;
}

const counts = (
  name: string,
  header: string,
  rows: Array<{ key: string; count: number }>,
  label: (code: string) => string,
): IndicatorTable => ({
  name,
  keys: 1,
  headers: [header, 'Sollicitations'],
  rows: rows.map((r) => [label(r.key), r.count]),
});

/** `names` : le nom des agents, pour la charge par semaine. Un indicateur absent du tableau de bord l'est ici aussi. */
export function indicatorTables(
  dashboard: Dashboard,
  filters: SteeringFilters,
  labels: Labels,
  names: ReadonlyMap<string, string>,
): IndicatorTable[] {
  const { indicators: ind, waiting, referrals, activeMandates, autonomy } = dashboard;
  const tables: IndicatorTable[] = [
    {
      name: 'Période',
      keys: 1,
      headers: ['Indicateur', 'Valeur'],
      rows: [
        ['Du', filters.du],
        ['Au', filters.au],
        ['Sollicitations', ind.total.count],
        ["Minutes d'accompagnement", ind.total.minutes],
      ],
    },
    { name: 'Par année', keys: 1, headers: ['Année', 'Sollicitations'], rows: ind.byYear.map((r) => [r.year, r.count]) },
    {
      name: 'Modes par année',
      keys: 2,
      headers: ['Année', "Mode d'aide", 'Sollicitations'],
      rows: ind.byYearMode.map((r) => [r.year, labels.mode(r.mode), r.count]),
    },
    { name: 'Par mois', keys: 1, headers: ['Mois', 'Sollicitations'], rows: ind.byMonth.map((r) => [r.month, r.count]) },
    {
      name: 'Modes par mois',
      keys: 2,
      headers: ['Mois', "Mode d'aide", 'Sollicitations'],
      rows: ind.byMonthMode.map((r) => [r.month, labels.mode(r.mode), r.count]),
    },
    counts('Organismes', 'Organisme', ind.byOrganisation, labels.organisation),
    counts('Thématiques', 'Thématique', ind.byTheme, labels.theme),
    counts('Niveaux', 'Niveau de besoin', ind.byLevel, labels.level),
    counts('Résultats', 'Résultat', ind.byOutcome, labels.outcome),
    counts('Causes de blocage', 'Cause', ind.byCause, labels.cause),
    {
      name: 'Charge par semaine',
      keys: 2,
      headers: ['Agent', 'Semaine du', 'Sollicitations', 'Minutes'],
      rows: ind.workload.map((w) => [names.get(w.mediatorId) ?? 'Agent', w.week, w.count, w.minutes]),
    },
  ];
  if (waiting.length > 0)
    tables.push({
      name: "Attente à l'accueil",
      keys: 1,
      headers: ['Mois', 'Personnes reçues', 'Parties sans être reçues', 'Attente moyenne (minutes)', 'Attente médiane (minutes)'],
      rows: waiting.map((w) => [w.month, w.received, w.left, w.average ?? '', w.median ?? '']),
    });
  if (referrals)
    tables.push({
      name: 'Orientations',
      keys: 1,
      headers: ['Indicateur', 'Valeur'],
      rows: [
        ['Orientations envoyées', referrals.sent],
        ['Orientations closes', referrals.closed],
        ['Délai médian jusqu’au résultat (jours)', referrals.medianDays ?? ''],
      ],
    });
  tables.push({ name: 'Mandats', keys: 1, headers: ['Indicateur', 'Valeur'], rows: [["Mandats actifs aujourd'hui", activeMandates]] });
  if (autonomy)
    tables.push({
      name: 'Autonomie',
      keys: 1,
      headers: ['Indicateur', 'Personnes'],
      rows: [
        ['Rediagnostiquées sur la période', autonomy.repeated],
        ['En progrès', autonomy.improved],
        ['En recul', autonomy.declined],
      ],
    });
  return tables;
}

/** Le CSV des indicateurs en trois colonnes : l'indicateur (et la valeur lue, s'il en a plusieurs), la ligne, la valeur. */
export function indicatorCsvRows(tables: readonly IndicatorTable[]): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['Indicateur', 'Catégorie', 'Valeur']];
  for (const table of tables) {
    const values = table.headers.length - table.keys;
    for (const row of table.rows)
      for (let j = table.keys; j < table.headers.length; j++)
        rows.push([values > 1 ? `${table.name} — ${table.headers[j]}` : table.name, row.slice(0, table.keys).join(' · '), row[j]!]);
  }
  return rows;
}
