import { redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/pilotage';
import { MODE_LABELS } from '../../reception/vocabulary';
import { labelsFor } from '../labels';
import { readDashboard, setLoadThreshold } from '../dashboard.server';
import { dashboardView } from '../dashboard-view';
import { today } from '../../../platform/time';
import { setOpenDataPublished } from '../open-data.server';
import { steeringRequest } from '../request.server';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { ExportLinks, FiltersForm, OpenDataSection, WorkloadSection } from '../ui/sections';
import { BarChart, ColumnChart, LineChart } from '../../../ui/charts';
import { Notice } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Pilotage — Relais' }];

export async function loader(args: Route.LoaderArgs) {
  const { ctx, agent, whole, params, filters, notices, organisations, members, sites } = await steeringRequest(args);
  const dashboard = await readDashboard(ctx, filters);
  return dashboardView({
    agent,
    whole,
    params,
    filters,
    notices,
    organisations,
    members,
    sites,
    labels: labelsFor(organisations),
    dashboard,
    today: today(ctx.now),
  });
}

const thresholdSchema = z.object({
  heures: z.coerce
    .number({ error: 'Indiquez un nombre d’heures.' })
    .int('Indiquez un nombre entier d’heures.')
    .min(1, 'Le seuil doit être d’au moins 1 heure par semaine.')
    .max(80, 'Le seuil ne peut pas dépasser 80 heures par semaine.'),
});

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'pilotage.parametrer');
  const form = await args.request.formData();
  if (form.get('intent') === 'donnees') {
    const published = form.get('publier') === 'oui';
    await setOpenDataPublished(ctx, published);
    throw redirect(`/pilotage?donnees=${published ? 'publiees' : 'retirees'}#donnees-ouvertes`);
  }
  const parsed = parseForm(form, thresholdSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  await setLoadThreshold(ctx, parsed.data.heures * 60);
  const back = new URLSearchParams(String(form.get('retour') ?? ''));
  back.set('seuil', 'enregistre');
  throw redirect(`/pilotage?${back}#charge`);
}

export default function Pilotage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const f: Record<string, string | undefined> = { ...d.filters };
  const modeSeries = (rows: Array<{ label: string; shares: Record<string, number> }>) =>
    Object.entries(MODE_LABELS).map(([mode, name]) => ({
      name,
      points: rows.map((r) => ({
        label: r.label,
        value: r.shares[mode] ?? 0,
        text: `${r.shares[mode] ?? 0} %`,
      })),
    }));
  const firstYear = d.modesByYear[0];
  const lastYear = d.modesByYear.at(-1);
  return (
    <div className="fr-container fr-my-6w">
      <h1>{d.whole ? 'Pilotage' : 'Mon activité'}</h1>
      <p className="fr-text--lead">{d.period}</p>

      <FiltersForm filters={f} whole={d.whole} sites={d.options.lieu} mediators={d.options.mediateur} organisations={d.options.organisme} />
      {d.notices.map((n) => (
        <Notice key={n} kind="info" title={n} />
      ))}

      <section aria-labelledby="chiffres" className="fr-mb-4w">
        <h2 id="chiffres">Chiffres clés de la période</h2>
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
          {d.referrals && d.referrals.sent > 0 && (
            <li>
              <strong>{d.referrals.sent.toLocaleString('fr-FR')}</strong> orientation{d.referrals.sent > 1 ? 's' : ''},{' '}
              {d.referrals.closedShare} % closes
              {d.referrals.medianDays !== null && ` (réponse en ${d.referrals.medianDays.toLocaleString('fr-FR')} j en médiane)`}
            </li>
          )}
          {d.appointments && (
            <li>
              <strong>{d.appointments.total.toLocaleString('fr-FR')}</strong> rendez-vous
              {d.appointments.noShowRate !== null && `, ${d.appointments.noShowRate.toLocaleString('fr-FR')} % d'absents`}
              {d.appointments.medianLeadDays !== null &&
                `, pris ${d.appointments.medianLeadDays.toLocaleString('fr-FR')} j avant en médiane`}
              {d.appointments.byPersonShare !== null &&
                `, ${d.appointments.byPersonShare.toLocaleString('fr-FR')} % pris par la personne elle-même`}
            </li>
          )}
          {d.workshops && (
            <li>
              <strong>{d.workshops.held.toLocaleString('fr-FR')}</strong> séance{d.workshops.held > 1 ? 's' : ''} d’atelier
              {d.workshops.fillRate !== null && `, remplies à ${d.workshops.fillRate.toLocaleString('fr-FR')} %`}
              {`, ${d.workshops.participants.toLocaleString('fr-FR')} présence${d.workshops.participants > 1 ? 's' : ''}`}
              {d.workshops.noShowRate !== null && `, ${d.workshops.noShowRate.toLocaleString('fr-FR')} % d'absents`}
              {d.workshops.waitingNow > 0 && `, ${d.workshops.waitingNow.toLocaleString('fr-FR')} en liste d’attente`}
              {d.workshops.firstTimers > 0 &&
                ` ; ${d.workshops.movedFromIndividual.toLocaleString('fr-FR')} personne${d.workshops.movedFromIndividual > 1 ? 's' : ''} aidée${d.workshops.movedFromIndividual > 1 ? 's' : ''} une à une venue${d.workshops.movedFromIndividual > 1 ? 's' : ''} à un premier atelier`}
            </li>
          )}
          {d.autonomy && (
            <li>
              <strong>{d.autonomy.improvedShare} %</strong> en progrès entre leur premier et leur dernier diagnostic (
              {d.autonomy.repeated.toLocaleString('fr-FR')} personne
              {d.autonomy.repeated > 1 ? 's' : ''} rediagnostiquée{d.autonomy.repeated > 1 ? 's' : ''},{' '}
              {d.autonomy.declined.toLocaleString('fr-FR')} en recul)
            </li>
          )}
          {d.whole && (
            <li>
              <strong>{d.activeMandates}</strong> mandat
              {d.activeMandates > 1 ? 's' : ''} actif
              {d.activeMandates > 1 ? 's' : ''} aujourd'hui
            </li>
          )}
        </ul>
      </section>

      <ExportLinks total={d.total} query={d.query} period={`${d.filters.du}-${d.filters.au}`} canReport={d.canSetThreshold} />

      {d.byYear.length > 0 && (
        <section aria-labelledby="evolution">
          <h2 id="evolution">Évolution par année civile</h2>
          <p>
            Chaque année du 1er janvier au 31 décembre, avec les autres filtres : ces totaux ne dépendent pas des dates de la période
            choisie, sauf la dernière année, arrêtée à la fin de la période.
          </p>
          <ColumnChart
            id="annees"
            title="Sollicitations par année"
            summary={
              d.byYear
                .map(
                  (y) =>
                    `${y.label} : ${y.value.toLocaleString('fr-FR')}${y.growth === null ? '' : ` (${y.growth > 0 ? '+' : ''}${y.growth} %)`}`,
                )
                .join(' ; ') + '.'
            }
            data={d.byYear}
            extraColumns={{
              headers: ["Évolution sur l'année précédente"],
              cells: d.byYear.map((y) => [y.growth === null ? '—' : `${y.growth > 0 ? '+' : ''}${y.growth} %`]),
            }}
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
          <ColumnChart
            id="mois"
            title="Sollicitations par mois"
            summary={`${d.total.toLocaleString('fr-FR')} sollicitations sur ${d.byMonth.length} mois ; le mois le plus chargé : ${[...d.byMonth].sort((a, b) => b.value - a.value)[0]?.label} (${[...d.byMonth].sort((a, b) => b.value - a.value)[0]?.value.toLocaleString('fr-FR')}).`}
            data={d.byMonth}
          />
          {d.modesByMonth.length > 1 && (
            <LineChart
              id="modes-mois"
              title="Mode d'aide par mois (part des sollicitations)"
              summary={`« Fait à la place » : ${d.modesByMonth[0]!.shares.fait_a_la_place} % le premier mois, ${d.modesByMonth.at(-1)!.shares.fait_a_la_place} % le dernier.`}
              series={modeSeries(d.modesByMonth)}
            />
          )}
          <BarChart
            id="organismes"
            title="Organismes les plus demandés"
            summary={`En tête : ${d.byOrganisation
              .slice(0, 3)
              .map((o) => `${o.label} (${o.value.toLocaleString('fr-FR')})`)
              .join(', ')}.`}
            data={d.byOrganisation}
          />
          <BarChart
            id="thematiques"
            title="Thématiques administratives"
            summary={`En tête : ${d.byTheme[0]?.label} (${d.byTheme[0]?.value.toLocaleString('fr-FR')}).`}
            data={d.byTheme}
          />
          <BarChart
            id="niveaux"
            title="Niveau de besoin"
            summary={d.byLevel.map((l) => `${l.label} : ${l.text}`).join(' ; ') + '.'}
            data={d.byLevel}
          />
          <BarChart
            id="resultats"
            title="Résultats"
            summary={d.byOutcome.map((o) => `${o.label} : ${o.text}`).join(' ; ') + '.'}
            data={d.byOutcome}
          />
          {d.byCause.length > 0 && (
            <BarChart
              id="causes"
              title="Causes des blocages"
              summary={`Première cause : ${d.byCause[0]!.label}, ${d.byCause[0]!.value.toLocaleString('fr-FR')} fois.`}
              data={d.byCause}
            />
          )}
          {d.workshopThemes.length > 0 && (
            <BarChart
              id="ateliers"
              title="Ateliers par thématique (présences)"
              summary={`${d.workshops!.held.toLocaleString('fr-FR')} séances tenues, ${d.workshops!.participants.toLocaleString('fr-FR')} présences ; en tête : ${d.workshopThemes[0]!.label}.`}
              data={d.workshopThemes}
              valueHeader="Présences (remplissage des séances)"
            />
          )}
          {d.waiting.length > 0 && (
            <ColumnChart
              id="attente"
              title="Attente moyenne à l'accueil (minutes)"
              summary={`Attente moyenne le dernier mois : ${d.waiting.at(-1)!.text} ; ${d.waiting.reduce((s, w) => s + w.left, 0)} départs sans être reçu sur la période.`}
              data={d.waiting}
              valueHeader="Attente moyenne"
              extraColumns={{
                headers: ['Attente médiane', 'Personnes reçues', 'Parties sans être reçues'],
                cells: d.waiting.map((w) => [w.median, String(w.received), String(w.left)]),
              }}
            />
          )}
        </section>
      )}

      {d.whole && d.workload.length > 0 && <WorkloadSection d={d} error={result?.errors?.heures} value={result?.values?.heures} />}
      {d.canSetThreshold && <OpenDataSection openData={d.openData} notice={d.openDataNotice} />}
    </div>
  );
}
