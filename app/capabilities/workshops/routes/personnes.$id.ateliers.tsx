// Les ateliers d'une personne, depuis sa fiche ou une étape de son plan : où elle est inscrite, où elle attend, où
// elle est venue ; l'inscrire à une séance à venir (et, la séance complète, sur sa liste d'attente si elle le veut).
import { Form, Link, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/personnes.$id.ateliers';
import { requireAgent } from '../../../platform/authorize.server';
import { optional } from '../../../platform/fields';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { CsrfField, ErrorSummary, Notice, SelectField, feedbackOf } from '../../../ui/form';
import { PERSON_NOT_FOUND } from '../../reception/errors';
import { readPersonSummary } from '../../reception/person-summary.server';
import { openWorkshopSteps, registerPerson, workshopsOfPerson, type RegisterOutcome } from '../registrations.server';
import { upcomingSessions } from '../sessions.server';
import { seatsLabel, sessionWhen } from '../ui/labels';
import { REGISTRATION_STATUSES } from '../vocabulary';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Ateliers — ${data?.person.label ?? 'la personne'} — Relais` }];

const LABELS = { sessionId: 'Séance', planStepId: 'Étape du plan', personId: 'Personne' };

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const ctx = await requireAgent(args, 'ateliers.inscrire');
  const person = await readPersonSummary(ctx, requireIdParam(args.params.id, PERSON_NOT_FOUND));
  if (!person) throw notFound(PERSON_NOT_FOUND);
  return { ctx, person };
}

export async function loader(args: Route.LoaderArgs) {
  const { ctx, person } = await load(args);
  const [mine, sessions, steps] = await Promise.all([
    workshopsOfPerson(ctx.tx, ctx.actor.structureId, person.id),
    upcomingSessions(ctx.tx, ctx.actor.structureId, ctx.now),
    openWorkshopSteps(ctx.tx, ctx.actor.structureId, person.id),
  ]);
  const asked = new URL(args.request.url).searchParams.get('etape');
  return {
    person,
    registrations: mine.map((r) => ({
      id: r.id,
      sessionId: r.sessionId,
      label: `${r.title}, ${sessionWhen.format(r.startsAt)}, ${r.placeName}`,
      status: r.cancelledAt ? 'Séance annulée' : REGISTRATION_STATUSES[r.status],
      step: r.stepLabel,
    })),
    sessions: sessions
      .filter((s) => !s.cancelledAt && s.startsAt > ctx.now)
      .map((s) => ({ value: s.id, label: `${s.title}, ${sessionWhen.format(s.startsAt)} (${seatsLabel(s)})` })),
    steps: steps.map((s) => ({ value: s.id, label: s.label })),
    step: steps.some((s) => s.id === asked) ? asked : steps.length === 1 ? steps[0]!.id : null,
    attended: mine.some((r) => r.status === 'present'),
  };
}

const registerSchema = z.object({
  sessionId: z.uuid({ error: 'Choisissez une séance de la liste.' }),
  planStepId: optional(z.uuid({ error: 'Choisissez une étape du plan de la liste.' })),
  attente: z.enum(['oui']).optional(),
});

function refusal(outcome: Extract<RegisterOutcome, { ok: false }>) {
  switch (outcome.reason) {
    case 'complete':
      return `Cette séance est complète (${outcome.taken} places prises sur ${outcome.capacity}). Vous pouvez inscrire la personne sur la liste d’attente.`;
    case 'deja':
      return 'La personne est déjà inscrite à cette séance (ou sur sa liste d’attente).';
    case 'fermee':
      return 'Cette séance est passée ou annulée : choisissez une séance à venir.';
    case 'etape':
      return 'Choisissez une étape du plan de cette personne.';
    case 'personne':
      return PERSON_NOT_FOUND;
    default:
      return 'Choisissez une séance de la liste.';
  }
}

export async function action(args: Route.ActionArgs) {
  const { ctx, person } = await load(args);
  const form = await args.request.formData();
  const parsed = parseForm(form, registerSchema);
  if (!parsed.ok) return formFailure(parsed.failure, { full: false, done: null });
  const outcome = await registerPerson(ctx, {
    sessionId: parsed.data.sessionId,
    personId: person.id,
    planStepId: parsed.data.planStepId,
    waitingList: parsed.data.attente === 'oui',
  });
  if (!outcome.ok)
    return rejectForm(
      form,
      { [outcome.field]: refusal(outcome) },
      { full: outcome.reason === 'complete', done: null },
      outcome.reason === 'complete' ? 409 : 400,
    );
  return {
    errors: {},
    values: {},
    full: false,
    done:
      outcome.status === 'inscrit'
        ? 'Inscription faite. Un message part à la personne.'
        : 'La personne est sur la liste d’attente. Un message le lui dit.',
  };
}

export default function AteliersDeLaPersonne() {
  const { person, registrations, sessions, steps, step, attended } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  const full = Boolean(result && 'full' in result && result.full);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/personnes/${person.id}`}>Fiche de {person.label}</Link>
      </p>
      <h1>Ateliers de {person.label}</h1>
      {result?.done && <Notice kind="success" title={result.done} />}
      <section aria-labelledby="inscriptions">
        <h2 id="inscriptions">Ses ateliers</h2>
        {registrations.length === 0 ? (
          <p>Aucun atelier pour l’instant.</p>
        ) : (
          <ul className="relais-plain-list">
            {registrations.map((r) => (
              <li key={r.id} className="fr-mb-2w">
                <Link to={`/ateliers/seances/${r.sessionId}`}>{r.label}</Link> · {r.status}
                {r.step ? ` · étape du plan : ${r.step}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {attended && (
        <p>
          <a href={`/personnes/${person.id}/ateliers/attestation.pdf`}>Attestation de participation (PDF, en mots simples)</a>
        </p>
      )}
      <section aria-labelledby="inscrire" className="fr-mt-4w">
        <h2 id="inscrire">Inscrire à une séance</h2>
        <ErrorSummary errors={errors} labels={LABELS} />
        {sessions.length === 0 ? (
          <p>
            Aucune séance à venir. <Link to="/ateliers">Programmer une séance</Link>
          </p>
        ) : (
          <Form method="post" noValidate>
            <CsrfField />
            <SelectField
              name="sessionId"
              label={LABELS.sessionId}
              options={sessions}
              placeholder="Choisissez une séance"
              defaultValue={values.sessionId}
              error={errors.sessionId}
            />
            {steps.length > 0 && (
              <SelectField
                name="planStepId"
                label={LABELS.planStepId}
                hint="La présence à la séance fera cette étape."
                options={steps}
                placeholder="Aucune"
                defaultValue={values.planStepId ?? step ?? undefined}
                error={errors.planStepId}
              />
            )}
            <ul className="fr-btns-group fr-btns-group--inline-md">
              {full ? (
                <li>
                  <button className="fr-btn" type="submit" name="attente" value="oui">
                    Inscrire sur la liste d’attente
                  </button>
                </li>
              ) : (
                <li>
                  <button className="fr-btn" type="submit">
                    Inscrire
                  </button>
                </li>
              )}
            </ul>
          </Form>
        )}
      </section>
    </div>
  );
}
