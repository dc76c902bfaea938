// Les tableaux d'indicateurs des exports, tirés du tableau de bord : une feuille du classeur XLSX chacun, un bloc du
// CSV des indicateurs. Fonctions pures, testées sur le jeu connu d'indicators.test.ts.
import type { Dashboard } from './dashboard.server';
import type { Labels } from './detail';
import { FILTER_LABELS, type FilterKey, type SteeringFilters } from './filters';
import { DIGITAL_SKILLS } from '../../vocabulary/coop';

const themeLabel = (code: string) => DIGITAL_SKILLS[code as keyof typeof DIGITAL_SKILLS] ?? code;

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

const frenchDay = (day: string) => day.split('-').reverse().join('/');

/**
 * La première feuille : la portée de l'export, filtre par filtre, en mots. Un chiffre relu des mois plus tard dit
 * encore de quelle période et de quel lieu il parle.
 */
export function filtersTable(
  filters: SteeringFilters,
  labels: Labels,
  names: { mediators: ReadonlyMap<string, string>; sites: ReadonlyMap<string, string> },
): IndicatorTable {
  const described: Record<Exclude<FilterKey, 'du' | 'au'>, (value: string) => string> = {
    lieu: (v) => names.sites.get(v) ?? v,
    mediateur: (v) => names.mediators.get(v) ?? v,
    organisme: labels.organisation,
    thematique: labels.theme,
    niveau: labels.level,
    mode: labels.mode,
    resultat: labels.outcome,
    canal: labels.channel,
    age: labels.ageBand,
    commune: (v) => v,
  };
  const rows: Array<[string, string]> = [['Période', `du ${frenchDay(filters.du)} au ${frenchDay(filters.au)}`]];
  for (const [key, describe] of Object.entries(described) as Array<[keyof typeof described, (value: string) => string]>) {
    const value = filters[key];
    if (value) rows.push([FILTER_LABELS[key], describe(value)]);
  }
  if (rows.length === 1) rows.push(['Autres filtres', 'Aucun : toute la structure']);
  return { name: 'Filtres', keys: 1, headers: ['Filtre', 'Valeur'], rows };
}

/** `names` : le nom des agents, pour la charge par semaine. Un indicateur absent du tableau de bord l'est ici aussi. */
export function indicatorTables(
  dashboard: Dashboard,
  filters: SteeringFilters,
  labels: Labels,
  names: ReadonlyMap<string, string>,
): IndicatorTable[] {
  const { indicators: ind, waiting, referrals, appointments, workshops, activeMandates, autonomy } = dashboard;
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
  if (appointments)
    tables.push(
      {
        name: 'Rendez-vous',
        keys: 1,
        headers: ['Indicateur', 'Valeur'],
        rows: [
          ['Rendez-vous pris', appointments.total],
          ['Honorés', appointments.honoured],
          ['Absents', appointments.absent],
          ['Excusés', appointments.excused],
          ['Annulés', appointments.cancelled],
          ['Part d’absents parmi les rendez-vous notés (%)', appointments.noShowRate ?? ''],
          ['Délai médian entre la prise et le rendez-vous (jours)', appointments.medianLeadDays ?? ''],
          ['Pris par la personne elle-même (%)', appointments.byPersonShare ?? ''],
        ],
      },
      {
        name: 'Rendez-vous par semaine',
        keys: 1,
        headers: ['Semaine du', 'Rendez-vous (hors annulés)', 'Absents'],
        rows: appointments.weeks.map((w) => [w.week, w.booked, w.absent]),
      },
    );
  if (workshops)
    tables.push(
      {
        name: 'Ateliers',
        keys: 1,
        headers: ['Indicateur', 'Valeur'],
        rows: [
          ['Séances tenues', workshops.held],
          ['Séances annulées', workshops.cancelled],
          ['Places offertes (séances tenues)', workshops.capacity],
          ['Places prises', workshops.taken],
          ['Taux de remplissage (%)', workshops.fillRate ?? ''],
          ['Présences', workshops.participants],
          ['Absents', workshops.absent],
          ['Part d’absents parmi les présences notées (%)', workshops.noShowRate ?? ''],
          ['Personnes en liste d’attente (séances à venir)', workshops.waitingNow],
          ['Personnes passées par une liste d’attente', workshops.everWaited],
          ['Premières venues à un atelier', workshops.firstTimers],
          ['Dont personnes aidées une à une avant', workshops.movedFromIndividual],
        ],
      },
      {
        name: 'Ateliers par thématique',
        keys: 1,
        headers: ['Thématique', 'Séances tenues', 'Séances annulées', 'Taux de remplissage (%)', 'Présences', 'Absents'],
        rows: workshops.themes.map((t) => [themeLabel(t.theme), t.held, t.cancelled, t.fillRate ?? '', t.present, t.absent]),
      },
    );
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
