import { data, Form, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/diagnostics.$id';
import { overrideLevel, readDiagnosis } from '../diagnoses.server';
import { acceptPlan } from '../plan.server';
import { explain, overrideSchema, trendBetween } from '../rules';
import { BLOCKS, FREINS, STEP_KINDS, type Block, type Frein } from '../vocabulary';
import { LEVELS } from '../../reception/vocabulary';
import { AUTONOMY } from '../../../vocabulary/coop';
import { requireAgent } from '../../../platform/authorize.server';
import { feedback, formFailure, formValues, parseForm } from '../../../platform/forms.server';
import { BarChart } from '../../../ui/charts';
import { CheckboxGroup, CsrfField, ErrorSummary, Notice, optionsOf, SelectField, TextAreaField, feedbackOf } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { DIAGNOSIS_NOT_FOUND } from '../errors';
import { ofName } from '../../../platform/text';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Diagnostic ${ofName(data?.person.label ?? 'la personne')} — Relais` }];

const day = dateFormat({ dateStyle: 'long' });
const TRENDS = { progres: 'en progrès', stable: 'stable', recul: 'en recul' } as const;

async function viewOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const ctx = await requireAgent(args, 'diagnostics.realiser');
  const agent = ctx.actor;
  const id = requireIdParam(args.params.id, DIAGNOSIS_NOT_FOUND);
  const view = await readDiagnosis(ctx, id);
  if (!view) throw notFound(DIAGNOSIS_NOT_FOUND);
  return { ctx, agent, view };
}

export async function loader(args: Route.LoaderArgs) {
  const { view } = await viewOf(args);
  const { diagnosis, result, previous } = view;
  const params = new URL(args.request.url).searchParams;
  const current = { overall: diagnosis.overallScore, autonomy: diagnosis.autonomy };
  return {
    id: diagnosis.id,
    person: view.person,
    at: day.format(diagnosis.createdAt),
    saved: params.get('enregistre') === '1',
    levelChanged: params.get('niveau') === '1',
    level: diagnosis.level,
    computedLevel: diagnosis.computedLevel,
    levelReason: diagnosis.levelReason,
    autonomy: diagnosis.autonomy,
    overall: diagnosis.overallScore,
    explanation: explain(result),
    scores: (Object.keys(BLOCKS) as Block[]).map((block) => ({ block, score: result.scores[block] })),
    freins: (result.freins as Frein[]).map((f) => ({ key: f, label: FREINS[f], institution: f.startsWith('institution_') })),
    warnings: result.warnings,
    comment: diagnosis.comment,
    previous: previous
      ? {
          at: day.format(previous.createdAt),
          delta: diagnosis.overallScore - previous.overallScore,
          trend: trendBetween({ overall: previous.overallScore, autonomy: previous.autonomy }, current),
        }
      : null,
    suggestions: view.suggestions,
    planAccepted: view.planAccepted,
  };
}

export async function action(args: Route.ActionArgs) {
  const { ctx, view } = await viewOf(args);
  const form = await args.request.formData();
  if (form.get('intent') === 'niveau') {
    const parsed = parseForm(form, overrideSchema);
    if (!parsed.ok) return formFailure(parsed.failure, { intent: 'niveau' });
    await overrideLevel(ctx, view.diagnosis.id, parsed.data);
    throw redirect(`/diagnostics/${view.diagnosis.id}?niveau=1`);
  }
  const keys = form.getAll('etapes').filter((v): v is string => typeof v === 'string');
  const accepted = await acceptPlan(ctx, view.diagnosis.id, keys);
  if (accepted.ok) throw redirect(`/personnes/${accepted.personId}/parcours?plan=valide`);
  if (accepted.error === 'introuvable') throw notFound(DIAGNOSIS_NOT_FOUND);
  const message =
    accepted.error === 'deja_valide'
      ? 'Le plan de ce diagnostic est déjà validé : suivez-le dans le parcours de la personne.'
      : 'Cochez au moins une étape à retenir, ou ajoutez-en une à la main dans le parcours.';
  return data(feedback({ etapes: message }, formValues(form), { intent: 'plan' }), {
    status: accepted.error === 'deja_valide' ? 409 : 400,
  });
}

export default function Resultat() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  const values = feedbackOf(result).values;
  const personFreins = d.freins.filter((f) => !f.institution);
  const institutionFreins = d.freins.filter((f) => f.institution);
  const stepOptions = d.suggestions.map((s) => ({
    value: s.key,
    label: `${STEP_KINDS[s.kind]} — ${s.label}${s.place ? ` · lieu proposé : ${s.place.name} (${s.place.city})` : ''}${s.helper ? ` · pair-aidant : ${s.helper.name}` : ''}`,
  }));
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${d.person.id}`}>Fiche de {d.person.label}</Link> ·{' '}
        <Link to={`/personnes/${d.person.id}/parcours`}>Parcours d'autonomie</Link>
      </p>
      <h1>Diagnostic de {d.person.label}</h1>
      <p className="fr-text--sm">Le {d.at}</p>
      {d.saved && <Notice kind="success" title="Diagnostic enregistré." />}
      {d.levelChanged && <Notice kind="success" title="Niveau de besoin enregistré." />}
      {d.warnings.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-mb-3w" role="status">
          <h2 className="fr-alert__title">Réponses à vérifier avec la personne</h2>
          <ul>
            {d.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <h2 className="fr-h4">Résultat</h2>
      <dl className="relais-facts">
        <dt>Niveau de besoin</dt>
        <dd>
          <strong>{LEVELS[d.level]}</strong>
          {d.level !== d.computedLevel &&
            ` — retenu par le médiateur (calculé : ${LEVELS[d.computedLevel].toLowerCase()}) : ${d.levelReason}`}
        </dd>
        <dt>Autonomie (Coop de la médiation numérique)</dt>
        <dd>{AUTONOMY[d.autonomy]}</dd>
        <dt>Note d'ensemble</dt>
        <dd>
          {d.overall} sur 100
          {d.previous &&
            ` — ${d.previous.delta >= 0 ? '+' : ''}${d.previous.delta} points depuis le diagnostic du ${d.previous.at} (${TRENDS[d.previous.trend]})`}
        </dd>
      </dl>
      <p>{d.explanation}</p>
      <BarChart
        id="blocs"
        title="Note par bloc, sur 100"
        summary={d.scores.map((s) => `${BLOCKS[s.block]} : ${s.score === null ? 'non concerné' : `${s.score} sur 100`}`).join(' ; ') + '.'}
        data={d.scores.map((s) => ({
          label: BLOCKS[s.block],
          value: s.score ?? 0,
          text: s.score === null ? 'non concerné' : `${s.score} / 100`,
        }))}
        valueHeader="Note sur 100"
      />
      <h2 className="fr-h4">Ce qui bloque</h2>
      {personFreins.length === 0 ? (
        <p>Aucun frein relevé du côté de la personne.</p>
      ) : (
        <ul>
          {personFreins.map((f) => (
            <li key={f.key}>{f.label}</li>
          ))}
        </ul>
      )}
      {institutionFreins.length > 0 && (
        <>
          <h3 className="fr-h6">Du côté de l'institution</h3>
          <ul>
            {institutionFreins.map((f) => (
              <li key={f.key}>{f.label}</li>
            ))}
          </ul>
        </>
      )}
      {d.comment && <p>Commentaire : {d.comment}</p>}

      <h2 className="fr-h4">Plan proposé</h2>
      {d.planAccepted ? (
        <p>
          Le plan de ce diagnostic est validé.{' '}
          <Link to={`/personnes/${d.person.id}/parcours`}>Suivre ses étapes dans le parcours de {d.person.label}</Link>.
        </p>
      ) : d.suggestions.length === 0 ? (
        <p>
          Rien à proposer d'après les réponses. <Link to={`/personnes/${d.person.id}/parcours`}>Ajouter une étape à la main</Link>.
        </p>
      ) : (
        <Form method="post" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="plan" />
          {result?.intent === 'plan' && <ErrorSummary errors={errors} labels={{ etapes: 'Étapes retenues' }} />}
          <CheckboxGroup
            name="etapes"
            legend="Étapes retenues avec la personne"
            hint="Décochez ce qu'elle ne souhaite pas. Vous pourrez ajouter des étapes, choisir un autre lieu ou un pair-aidant dans son parcours."
            options={stepOptions}
            defaultValues={result?.intent === 'plan' ? (values.etapes ?? '').split(',') : d.suggestions.map((s) => s.key)}
            error={result?.intent === 'plan' ? errors.etapes : undefined}
            inline={false}
          />
          <button className="fr-btn" type="submit">
            Valider le plan
          </button>
        </Form>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <a className="fr-btn fr-btn--secondary" href={`/diagnostics/${d.id}/synthese.pdf`} download>
            Imprimer la synthèse pour la personne (PDF)
          </a>
        </li>
        <li>
          <Link className="fr-btn fr-btn--tertiary" to={`/personnes/${d.person.id}/diagnostic`}>
            Refaire un diagnostic
          </Link>
        </li>
      </ul>

      <h2 className="fr-h4 fr-mt-4w">Retenir un autre niveau de besoin</h2>
      <p className="fr-hint-text">Le niveau calculé ne dit pas tout : vous pouvez en retenir un autre, en disant pourquoi.</p>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="intent" value="niveau" />
        {result?.intent === 'niveau' && <ErrorSummary errors={errors} labels={{ level: 'Niveau retenu', reason: 'Raison' }} />}
        <SelectField
          name="level"
          label="Niveau retenu"
          options={optionsOf(LEVELS)}
          defaultValue={result?.intent === 'niveau' ? values.level : d.level}
          error={result?.intent === 'niveau' ? errors.level : undefined}
        />
        <TextAreaField
          name="reason"
          label="Raison"
          hint="Par exemple : sa fille l'aide chaque semaine. Jamais de mot de passe."
          defaultValue={result?.intent === 'niveau' ? values.reason : d.levelReason}
          error={result?.intent === 'niveau' ? errors.reason : undefined}
        />
        <button className="fr-btn fr-btn--secondary" type="submit">
          Enregistrer le niveau
        </button>
      </Form>
    </div>
  );
}
