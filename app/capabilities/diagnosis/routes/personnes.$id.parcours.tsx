import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/personnes.$id.parcours';
import { journeyRequest } from '../journey-request.server';
import { unreviewedSelfAssessments } from '../../portal/self-assessments.server';
import { addStep, setStepStatus } from '../plan.server';
import { stepSchema, stepStatusSchema, trendBetween } from '../rules';
import { BLOCKS, HELPER_SKILLS, STEP_KINDS, STEP_STATUSES, type Block, type HelperSkill } from '../vocabulary';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { LEVELS } from '../../reception/vocabulary';
import { AUTONOMY } from '../../../vocabulary/coop';
import { feedback, formFailure, formValues, parseForm, rejectForm } from '../../../platform/forms.server';
import { LineChart } from '../../../ui/charts';
import { StepForm } from '../ui/step-form';
import { CsrfField, ErrorSummary, Notice, optionsOf, SelectField, feedbackOf } from '../../../ui/form';
import { notFound } from '../../../platform/http.server';
import { dateFormat } from '../../../platform/time';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Parcours d'autonomie ${ofName(data?.person.label ?? 'la personne')} — Relais` },
];

const day = dateFormat({ dateStyle: 'medium' });
const time = dateFormat({ timeStyle: 'short' });
const TRENDS = { progres: 'en progrès', stable: 'stable', recul: 'en recul' } as const;

export async function loader(args: Route.LoaderArgs) {
  const { ctx, journey } = await journeyRequest(args);
  const selfAssessments = await unreviewedSelfAssessments(ctx, journey.person.id);
  const params = new URL(args.request.url).searchParams;
  // Deux diagnostics le même jour se distinguent par l'heure (axe du graphique, lignes du tableau).
  const sameDay = (date: Date) => journey.history.filter((d) => day.format(d.createdAt) === day.format(date)).length > 1;
  const history = journey.history.map((d) => ({
    id: d.id,
    at: sameDay(d.createdAt) ? `${day.format(d.createdAt)} ${time.format(d.createdAt)}` : day.format(d.createdAt),
    overall: d.overallScore,
    level: d.level,
    autonomy: d.autonomy,
    scores: d.blockScores as Record<Block, number | null>,
  }));
  const first = history[0];
  const last = history.at(-1);
  return {
    person: journey.person,
    selfAssessments: selfAssessments.count > 0 ? { count: selfAssessments.count, last: day.format(selfAssessments.last!) } : null,
    planAccepted: params.get('plan') === 'valide',
    stepSaved: params.get('etape') === 'ajoutee' ? 'Étape ajoutée au plan.' : params.get('etape') === 'modifiee' ? 'Étape modifiée.' : null,
    history,
    evolution: first && last && history.length > 1 ? { from: first, to: last, trend: trendBetween(first, last) } : null,
    steps: journey.steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      label: s.label,
      status: s.status,
      place: s.place ? `${s.place.name} (${s.place.city})` : null,
      helperName: s.helperName,
      dueOn: s.dueOn ? day.format(new Date(s.dueOn)) : null,
    })),
    places: journey.places,
    helpers: journey.helpers,
    helper: journey.isHelper ? { skills: journey.isHelper.skills.map((s) => HELPER_SKILLS[s as HelperSkill] ?? s) } : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, journey } = await journeyRequest(args);
  const form = await args.request.formData();
  const personId = journey.person.id;
  if (form.get('intent') === 'etat') {
    const parsed = parseForm(form, stepStatusSchema);
    if (!parsed.ok || !(await setStepStatus(ctx, personId, parsed.data.stepId, parsed.data.status)))
      return rejectForm(form, { formulaire: 'Cette étape n’est pas dans le plan de la personne.' }, { intent: 'etat' });
    throw redirect(`/personnes/${personId}/parcours#plan`);
  }
  const parsed = parseForm(form, stepSchema);
  if (!parsed.ok) return formFailure(parsed.failure, { intent: 'etape' });
  const added = await addStep(ctx, personId, parsed.data);
  if (!added) throw notFound(PERSON_NOT_FOUND);
  if (!added.ok) return data(feedback({ [added.field]: added.message }, formValues(form), { intent: 'etape' }), { status: 400 });
  throw redirect(`/personnes/${personId}/parcours?etape=ajoutee#plan`);
}

export default function Parcours() {
  const j = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result?.intent === 'etape' ? result : null).errors;
  const values = feedbackOf(result?.intent === 'etape' ? result : null).values;
  const series = [
    { name: 'Note d’ensemble', points: j.history.map((d) => ({ label: d.at, value: d.overall })) },
    ...(Object.keys(BLOCKS) as Block[]).map((block) => ({
      name: BLOCKS[block],
      points: j.history.map((d) => ({
        label: d.at,
        value: d.scores[block] ?? 0,
        text: d.scores[block] === null ? 'non concerné' : String(d.scores[block]),
      })),
    })),
  ];
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${j.person.id}`}>Fiche de {j.person.label}</Link>
      </p>
      <h1>Parcours d'autonomie de {j.person.label}</h1>
      {j.planAccepted && <Notice kind="success" title="Plan validé : ses étapes sont dans le parcours et l'historique." />}
      {j.stepSaved && <Notice kind="success" title={j.stepSaved} />}
      {j.selfAssessments && (
        <Notice
          kind="info"
          title={`${j.person.label} a fait le point seul(e)${j.selfAssessments.count > 1 ? ` (${j.selfAssessments.count} fois)` : ''}, le ${j.selfAssessments.last} en dernier`}
        >
          <Link to={`/personnes/${j.person.id}/point-seul`}>Voir ses réponses</Link> et les reprendre avec la personne.
        </Notice>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" to={`/personnes/${j.person.id}/diagnostic`}>
            {j.history.length ? 'Refaire le diagnostic' : 'Faire le diagnostic'}
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to={`/personnes/${j.person.id}/pair-aidant`}>
            {j.helper ? 'Pair-aidant(e) : modifier' : 'Proposer de devenir pair-aidant(e)'}
          </Link>
        </li>
      </ul>
      {j.helper && (
        <p>
          {j.person.label} est pair-aidant(e) et peut partager : {j.helper.skills.join(', ')}.
        </p>
      )}

      <h2 className="fr-h4">Progression</h2>
      {j.history.length === 0 ? (
        <p>Aucun diagnostic encore : faites-le avec la personne pour voir sa progression au fil des diagnostics.</p>
      ) : (
        <>
          {j.evolution && (
            <p>
              Du {j.evolution.from.at} au {j.evolution.to.at} : note d'ensemble de {j.evolution.from.overall} à {j.evolution.to.overall} sur
              100 ({TRENDS[j.evolution.trend]}) ; niveau de besoin « {LEVELS[j.evolution.from.level].toLowerCase()} » puis «{' '}
              {LEVELS[j.evolution.to.level].toLowerCase()} ».
            </p>
          )}
          <LineChart
            id="progression"
            title="Notes sur 100 à chaque diagnostic"
            summary={`${j.history.length} diagnostic${j.history.length > 1 ? 's' : ''}. ${(Object.keys(BLOCKS) as Block[]).map((b) => `${BLOCKS[b]} : ${j.history.map((d) => d.scores[b] ?? '–').join(' puis ')}`).join(' ; ')}.`}
            series={series}
          />
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>Niveau et autonomie à chaque diagnostic</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Note</th>
                  <th scope="col">Niveau de besoin</th>
                  <th scope="col">Autonomie</th>
                </tr>
              </thead>
              <tbody>
                {[...j.history].reverse().map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/diagnostics/${d.id}`}>{d.at}</Link>
                    </th>
                    <td>{d.overall} / 100</td>
                    <td>{LEVELS[d.level]}</td>
                    <td>{AUTONOMY[d.autonomy]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2 className="fr-h4" id="plan">
        Plan
      </h2>
      {result?.intent === 'etat' && <ErrorSummary errors={feedbackOf(result).errors} labels={{}} />}
      {j.steps.length === 0 ? (
        <p>Aucune étape pour l'instant.</p>
      ) : (
        <ul className="relais-plain-list">
          {j.steps.map((step) => (
            <li key={step.id} className="fr-mb-2w">
              <p className="fr-mb-0">
                <span className="fr-badge fr-badge--sm fr-mr-1w">{STEP_STATUSES[step.status]}</span>
                <strong>{step.label}</strong>
              </p>
              <p className="fr-text--sm fr-mb-1w">
                {STEP_KINDS[step.kind]}
                {step.place ? ` · ${step.place}` : ''}
                {step.helperName ? ` · avec ${step.helperName}` : ''}
                {step.dueOn ? ` · prévue le ${step.dueOn}` : ''}
                {' · '}
                <Link to={`/personnes/${j.person.id}/etapes/${step.id}`}>
                  Modifier<span className="fr-sr-only"> « {step.label} »</span>
                </Link>
                {step.kind === 'atelier_collectif' && (step.status === 'a_faire' || step.status === 'en_cours') && (
                  <>
                    {' · '}
                    <Link to={`/personnes/${j.person.id}/ateliers?etape=${step.id}`}>
                      Inscrire à une séance<span className="fr-sr-only"> pour « {step.label} »</span>
                    </Link>
                  </>
                )}
              </p>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="intent" value="etat" />
                <input type="hidden" name="stepId" value={step.id} />
                <SelectField
                  name="status"
                  id={`etat-${step.id}`}
                  label={`État de « ${step.label} »`}
                  options={optionsOf(STEP_STATUSES)}
                  defaultValue={step.status}
                />
                <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                  Changer l'état
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <h3 className="fr-h5">Ajouter une étape</h3>
      <StepForm intent="etape" submit="Ajouter l'étape" places={j.places} helpers={j.helpers} values={values} errors={errors} />
    </div>
  );
}
