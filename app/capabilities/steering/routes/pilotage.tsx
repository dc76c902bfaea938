import { redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/pilotage';
import { BLOCKED_CAUSES, MODES } from '../../reception/vocabulary';
import { labelsFor } from '../labels';
import { readDashboard, setLoadThreshold } from '../dashboard.server';
import { setOpenDataPublished } from '../open-data.server';
import { filterQuery, growth, share } from '../filters';
import { steeringRequest } from '../request.server';
import { hours, modeShares, weeksOf, workloadLines } from '../rules';
import { requireAgent } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { can } from '../../../platform/policies';
import { ExportLinks, FiltersForm, OpenDataSection, WorkloadSection } from '../ui/sections';
import { BarChart, ColumnChart, LineChart } from '../../../ui/charts';
import { Notice } from '../../../ui/form';

export const meta: Route.MetaFunction = () => [{ title: 'Pilotage — Relais' }];

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

export async function loader(args: Route.LoaderArgs) {
  const { ctx, agent, whole, params, filters, notices, organisations, members, sites } = await steeringRequest(args);
  const labels = labelsFor(organisations);
  const { indicators: ind, waiting, activeMandates, referrals, autonomy, threshold, openData } = await readDashboard(ctx, filters);
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
  const weeks = weeksOf(filters.du, filters.au);
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
    byYear: ind.byYear.map((y, i) => ({
      label: String(y.year),
      value: y.count,
      growth: growth(y.count, ind.byYear[i - 1]?.count),
    })),
    byMonth: ind.byMonth.map((m) => ({
      label: month(m.month),
      value: m.count,
    })),
    modesByYear: doneInstead.map((p) => ({
      label: String(p.period),
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
    Object.entries(MODES).map(([mode, name]) => ({
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
          {d.referrals && d.referrals.sent > 0 && (
            <li>
              <strong>{d.referrals.sent.toLocaleString('fr-FR')}</strong> orientation{d.referrals.sent > 1 ? 's' : ''},{' '}
              {d.referrals.closedShare} % closes
              {d.referrals.medianDays !== null && ` (réponse en ${d.referrals.medianDays.toLocaleString('fr-FR')} j en médiane)`}
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
          <h2 id="evolution">Évolution</h2>
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
