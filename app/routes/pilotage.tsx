import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/pilotage';
import { AGE_BANDS, BLOCKED_CAUSES, CHANNELS, LEVELS, MODES, OUTCOMES, THEMES } from '../capabilities/reception/vocabulary';
import { readDashboard, setLoadThreshold } from '../capabilities/steering/dashboard.server';
import { setOpenDataPublished } from '../capabilities/steering/open-data.server';
import { FILTER_LABELS, filterQuery, growth, share } from '../capabilities/steering/filters';
import { steeringRequest } from '../capabilities/steering/request.server';
import { hours, modeShares, weeksOf, workloadLines } from '../capabilities/steering/rules';
import { requireAgent, servicesOf } from '../platform/authorize.server';
import { parseForm } from '../platform/forms.server';
import { can } from '../platform/policies';
import { BarChart, ColumnChart, LineChart } from '../ui/charts';
import { CsrfField, Notice, optionsOf, SelectField, TextField } from '../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Pilotage — Relais' }];

const monthLabel = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const dayLabel = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const month = (ym: string) => monthLabel.format(new Date(`${ym}-15T12:00:00Z`));
const labelIn = (vocabulary: Record<string, string | { label: string }>, key: string) => {
  const entry = vocabulary[key];
  return entry === undefined ? (key === 'non_renseigne' ? 'Non renseigné' : key) : typeof entry === 'string' ? entry : entry.label;
};

export async function loader(args: Route.LoaderArgs) {
  const { agent, services, whole, params, filters, notices, organisations, members } = await steeringRequest(args);
  const { indicators: ind, waiting, activeMandates, threshold, openData } = await readDashboard(services, agent, filters);
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const inPeriodMonths = ind.byMonth.filter((m) => m.month >= filters.du.slice(0, 7) && m.month <= filters.au.slice(0, 7));
  const doneInstead = ind.byYearMode.length ? modeShares(ind.byYearMode.map((r) => ({ period: r.year, mode: r.mode, count: r.count })), Object.keys(MODES)) : [];
  const periodModes = modeShares(ind.byMonthMode.map((r) => ({ period: r.month, mode: r.mode, count: r.count })), Object.keys(MODES));
  const doneInsteadCount = ind.byMonthMode.filter((r) => r.mode === 'fait_a_la_place').reduce((s, r) => s + r.count, 0);
  const weeks = weeksOf(filters.du, filters.au);
  return {
    whole,
    canSetThreshold: can(agent, 'pilotage.parametrer'),
    filters,
    notices,
    query: filterQuery(filters),
    options: {
      mediateur: members.map((m) => ({ value: m.userId, label: m.displayName })),
      organisme: Object.entries(organisations).map(([value, label]) => ({ value, label })),
    },
    period: `du ${longDay.format(new Date(`${filters.du}T12:00:00Z`))} au ${longDay.format(new Date(`${filters.au}T12:00:00Z`))}`,
    total: ind.total.count,
    time: hours(ind.total.minutes),
    doneInsteadShare: share(doneInsteadCount, ind.total.count),
    activeMandates,
    byYear: ind.byYear.map((y, i) => ({ label: String(y.year), value: y.count, growth: growth(y.count, ind.byYear[i - 1]?.count) })),
    byMonth: inPeriodMonths.map((m) => ({ label: month(m.month), value: m.count })),
    modesByYear: doneInstead.map((p) => ({ label: String(p.period), shares: p.shares })),
    modesByMonth: periodModes.map((p) => ({ label: month(String(p.period)), shares: p.shares })),
    byOrganisation: ind.byOrganisation.slice(0, 12).map((c) => ({ label: organisations[c.key] ?? c.key, value: c.count })),
    byTheme: ind.byTheme.map((c) => ({ label: labelIn(THEMES, c.key), value: c.count })),
    byLevel: ind.byLevel.map((c) => ({ label: labelIn(LEVELS, c.key), value: c.count, text: `${c.count} (${share(c.count, ind.total.count)} %)` })),
    byOutcome: ind.byOutcome.map((c) => ({ label: labelIn(OUTCOMES, c.key), value: c.count, text: `${c.count} (${share(c.count, ind.total.count)} %)` })),
    byCause: ind.byCause.map((c) => ({ label: `${labelIn(BLOCKED_CAUSES, c.key)} (${BLOCKED_CAUSES[c.key as keyof typeof BLOCKED_CAUSES]?.side === 'institution' ? 'institution' : 'personne'})`, value: c.count })),
    waiting: waiting.map((w) => ({ label: month(w.month), value: w.average ?? 0, text: w.average === null ? '—' : `${w.average} min`, median: w.median === null ? '—' : `${w.median} min`, received: w.received, left: w.left })),
    threshold,
    thresholdHours: Math.round(threshold / 60),
    workload: workloadLines(ind.workload, weeks, threshold)
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

const thresholdSchema = z.object({
  heures: z.coerce
    .number({ error: 'Indiquez un nombre d’heures.' })
    .int('Indiquez un nombre entier d’heures.')
    .min(1, 'Le seuil doit être d’au moins 1 heure par semaine.')
    .max(80, 'Le seuil ne peut pas dépasser 80 heures par semaine.'),
});

export async function action(args: Route.ActionArgs) {
  const agent = await requireAgent(args, 'pilotage.parametrer');
  const form = await args.request.formData();
  if (form.get('intent') === 'donnees') {
    const published = form.get('publier') === 'oui';
    await setOpenDataPublished(servicesOf(args.context), agent, published);
    throw redirect(`/pilotage?donnees=${published ? 'publiees' : 'retirees'}#donnees-ouvertes`);
  }
  const parsed = parseForm(form, thresholdSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  await setLoadThreshold(servicesOf(args.context), agent, parsed.data.heures * 60);
  const back = new URLSearchParams(String(form.get('retour') ?? ''));
  back.set('seuil', 'enregistre');
  throw redirect(`/pilotage?${back}#charge`);
}

export default function Pilotage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const f: Record<string, string | undefined> = { ...d.filters };
  const modeSeries = (rows: Array<{ label: string; shares: Record<string, number> }>) =>
    Object.entries(MODES).map(([mode, name]) => ({ name, points: rows.map((r) => ({ label: r.label, value: r.shares[mode] ?? 0, text: `${r.shares[mode] ?? 0} %` })) }));
  const firstYear = d.modesByYear[0];
  const lastYear = d.modesByYear.at(-1);
  return (
    <div className="fr-container fr-my-6w">
      <h1>{d.whole ? 'Pilotage' : 'Mon activité'}</h1>
      <p className="fr-text--lead">{d.period}</p>

      <details className="fr-mb-3w" open={Object.keys(f).length > 2}>
        <summary>Filtres</summary>
        <Form method="get" className="relais-filters">
          <TextField name="du" label={FILTER_LABELS.du} type="date" defaultValue={f.du} />
          <TextField name="au" label={FILTER_LABELS.au} type="date" defaultValue={f.au} />
          {d.whole && <SelectField name="mediateur" label={FILTER_LABELS.mediateur} options={d.options.mediateur} placeholder="Tous" defaultValue={f.mediateur} />}
          <SelectField name="organisme" label={FILTER_LABELS.organisme} options={d.options.organisme} placeholder="Tous" defaultValue={f.organisme} />
          <SelectField name="thematique" label={FILTER_LABELS.thematique} options={optionsOf(THEMES)} placeholder="Toutes" defaultValue={f.thematique} />
          <SelectField name="niveau" label={FILTER_LABELS.niveau} options={optionsOf(LEVELS)} placeholder="Tous" defaultValue={f.niveau} />
          <SelectField name="mode" label={FILTER_LABELS.mode} options={optionsOf(MODES)} placeholder="Tous" defaultValue={f.mode} />
          <SelectField name="resultat" label={FILTER_LABELS.resultat} options={optionsOf(OUTCOMES)} placeholder="Tous" defaultValue={f.resultat} />
          <SelectField name="canal" label={FILTER_LABELS.canal} options={optionsOf(CHANNELS)} placeholder="Tous" defaultValue={f.canal} />
          <SelectField name="age" label={FILTER_LABELS.age} options={optionsOf(AGE_BANDS)} placeholder="Toutes" defaultValue={f.age} />
          <TextField name="commune" label={FILTER_LABELS.commune} autoComplete="off" defaultValue={f.commune} />
          <p className="relais-filters__actions">
            <button className="fr-btn fr-mr-2w fr-mb-1w" type="submit">
              Appliquer les filtres
            </button>
            <Link className="fr-btn fr-btn--tertiary fr-mb-1w" to="/pilotage">
              Réinitialiser
            </Link>
          </p>
        </Form>
      </details>
      {d.notices.map((n) => (
        <Notice key={n} kind="info" title={n} />
      ))}

      <section aria-labelledby="chiffres" className="fr-mb-4w">
        <h2 id="chiffres">Chiffres clés</h2>
        <ul className="relais-figures">
          <li>
            <strong>{d.total.toLocaleString('fr-FR')}</strong> sollicitations
          </li>
          <li>
            <strong>{d.time}</strong> d'accompagnement
          </li>
          <li>
            <strong>{d.doneInsteadShare} %</strong> « fait à la place »
          </li>
          {d.whole && (
            <li>
              <strong>{d.activeMandates}</strong> mandat{d.activeMandates > 1 ? 's' : ''} actif{d.activeMandates > 1 ? 's' : ''} aujourd'hui
            </li>
          )}
        </ul>
      </section>

      <section aria-labelledby="exports" className="fr-mb-4w">
        <h2 id="exports" className="fr-h5">
          Exporter la sélection ({d.total.toLocaleString('fr-FR')} sollicitation{d.total > 1 ? 's' : ''})
        </h2>
        <ul className="relais-exports">
          <li>
            <a href={`/pilotage/export/indicateurs.csv?${d.query}`} download>
              Indicateurs (CSV)
            </a>
          </li>
          <li>
            <a href={`/pilotage/export/pilotage.xlsx?${d.query}`} download>
              Classeur : une feuille par indicateur et le détail anonyme (XLSX)
            </a>
          </li>
          <li>
            <a href={`/pilotage/export/sollicitations.csv?${d.query}`} download>
              Détail anonyme des sollicitations (CSV)
            </a>
          </li>
          <li>
            <a href={`/pilotage/export/coop.csv?${d.query}`} download>
              Activités au format de la Coop de la médiation numérique (CSV, anonyme)
            </a>
          </li>
        </ul>
        <p className="fr-text--sm">Fichiers pour Excel en français (point-virgule, UTF-8) ; les grandes périodes sont envoyées au fil de l'eau.</p>
        {d.canSetThreshold && (
          <p>
            <Link to="/pilotage/rapport-annuel">Rapport d'activité annuel pour le conseil d'administration (PDF)</Link>
          </p>
        )}
      </section>

      {d.byYear.length > 0 && (
        <section aria-labelledby="evolution">
          <h2 id="evolution">Évolution</h2>
          <ColumnChart
            id="annees"
            title="Sollicitations par année"
            summary={d.byYear.map((y) => `${y.label} : ${y.value.toLocaleString('fr-FR')}${y.growth === null ? '' : ` (${y.growth > 0 ? '+' : ''}${y.growth} %)`}`).join(' ; ') + '.'}
            data={d.byYear}
            extraColumns={{ headers: ["Évolution sur l'année précédente"], cells: d.byYear.map((y) => [y.growth === null ? '—' : `${y.growth > 0 ? '+' : ''}${y.growth} %`]) }}
          />
          {firstYear && lastYear && (
            <LineChart
              id="modes-annees"
              title="Mode d'aide par année (part des sollicitations)"
              summary={`« Fait à la place » : ${firstYear.shares.fait_a_la_place} % en ${firstYear.label}, ${lastYear.shares.fait_a_la_place} % en ${lastYear.label}. Une part qui baisse dit que les personnes gagnent en autonomie.`}
              series={modeSeries(d.modesByYear)}
            />
          )}
        </section>
      )}

      {d.total === 0 ? (
        <Notice kind="info" title="Aucune sollicitation sur cette période avec ces filtres.">
          Élargissez la période ou retirez un filtre.
        </Notice>
      ) : (
        <section aria-labelledby="periode">
          <h2 id="periode">Sur la période</h2>
          <ColumnChart id="mois" title="Sollicitations par mois" summary={`${d.total.toLocaleString('fr-FR')} sollicitations sur ${d.byMonth.length} mois ; le mois le plus chargé : ${[...d.byMonth].sort((a, b) => b.value - a.value)[0]?.label} (${[...d.byMonth].sort((a, b) => b.value - a.value)[0]?.value.toLocaleString('fr-FR')}).`} data={d.byMonth} />
          {d.modesByMonth.length > 1 && (
            <LineChart id="modes-mois" title="Mode d'aide par mois (part des sollicitations)" summary={`« Fait à la place » : ${d.modesByMonth[0]!.shares.fait_a_la_place} % le premier mois, ${d.modesByMonth.at(-1)!.shares.fait_a_la_place} % le dernier.`} series={modeSeries(d.modesByMonth)} />
          )}
          <BarChart id="organismes" title="Organismes les plus demandés" summary={`En tête : ${d.byOrganisation.slice(0, 3).map((o) => `${o.label} (${o.value.toLocaleString('fr-FR')})`).join(', ')}.`} data={d.byOrganisation} />
          <BarChart id="thematiques" title="Thématiques administratives" summary={`En tête : ${d.byTheme[0]?.label} (${d.byTheme[0]?.value.toLocaleString('fr-FR')}).`} data={d.byTheme} />
          <BarChart id="niveaux" title="Niveau de besoin" summary={d.byLevel.map((l) => `${l.label} : ${l.text}`).join(' ; ') + '.'} data={d.byLevel} />
          <BarChart id="resultats" title="Résultats" summary={d.byOutcome.map((o) => `${o.label} : ${o.text}`).join(' ; ') + '.'} data={d.byOutcome} />
          {d.byCause.length > 0 && <BarChart id="causes" title="Causes des blocages" summary={`Première cause : ${d.byCause[0]!.label}, ${d.byCause[0]!.value.toLocaleString('fr-FR')} fois.`} data={d.byCause} />}
          {d.waiting.length > 0 && (
            <ColumnChart
              id="attente"
              title="Attente moyenne à l'accueil (minutes)"
              summary={`Attente moyenne le dernier mois : ${d.waiting.at(-1)!.text} ; ${d.waiting.reduce((s, w) => s + w.left, 0)} départs sans être reçu sur la période.`}
              data={d.waiting}
              valueHeader="Attente moyenne"
              extraColumns={{ headers: ['Attente médiane', 'Personnes reçues', 'Parties sans être reçues'], cells: d.waiting.map((w) => [w.median, String(w.received), String(w.left)]) }}
            />
          )}
        </section>
      )}

      {d.whole && d.workload.length > 0 && (
        <section aria-labelledby="charge" className="fr-mt-4w">
          <h2 id="charge">Charge des médiateurs par semaine</h2>
          <p>
            Seuil d'alerte : <strong>{d.thresholdHours} h</strong> d'accompagnement par semaine. Le signal s'allume quand les 3 dernières semaines de la
            période le dépassent toutes.
          </p>
          {d.saved && <Notice kind="success" title="Seuil enregistré." />}
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>Charge par médiateur sur la période</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Moyenne par semaine</th>
                  <th scope="col">Sollicitations par semaine</th>
                  <th scope="col">Semaines au-dessus du seuil</th>
                  <th scope="col">3 dernières semaines</th>
                  <th scope="col">Signal</th>
                </tr>
              </thead>
              <tbody>
                {d.workload.map((w) => (
                  <tr key={w.mediatorId}>
                    <th scope="row">{w.name}</th>
                    <td>{w.average}</td>
                    <td>{w.averageCount.toLocaleString('fr-FR')}</td>
                    <td>
                      {w.weeksAbove} sur {w.weeks}
                    </td>
                    <td>{w.last}</td>
                    <td>{w.alert ? <span className="fr-badge fr-badge--error">Surcharge durable</span> : <span className="fr-badge fr-badge--success">Sous le seuil</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.canSetThreshold && (
            <Form method="post" className="fr-mt-2w" noValidate>
              <CsrfField />
              <input type="hidden" name="retour" value={d.query} />
              <TextField name="heures" label="Seuil d'alerte (heures par semaine)" type="number" inputMode="numeric" min={1} max={80} defaultValue={result?.values?.heures ?? String(d.thresholdHours)} error={result?.errors?.heures} />
              <button className="fr-btn fr-btn--secondary" type="submit">
                Enregistrer le seuil
              </button>
            </Form>
          )}
        </section>
      )}
      {d.canSetThreshold && (
        <section aria-labelledby="donnees-ouvertes" className="fr-mt-4w">
          <h2 id="donnees-ouvertes">Données ouvertes</h2>
          <p>
            Un fichier public de comptes mensuels par thématique, niveau, mode d'aide et résultat, sans aucune donnée
            personnelle : une case qui concerne moins de 5 personnes est masquée.
          </p>
          {d.openDataNotice === 'publiees' && <Notice kind="success" title="Les données ouvertes sont publiées." />}
          {d.openDataNotice === 'retirees' && <Notice kind="info" title="Les données ouvertes ne sont plus publiées." />}
          {d.openData.published ? (
            <p>
              Adresse publique : <a href={d.openData.url}>{d.openData.url}</a>
            </p>
          ) : (
            <p>Pas encore publiées.</p>
          )}
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="donnees" />
            <input type="hidden" name="publier" value={d.openData.published ? 'non' : 'oui'} />
            <button className="fr-btn fr-btn--secondary" type="submit">
              {d.openData.published ? 'Retirer la publication' : 'Publier les données ouvertes'}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
