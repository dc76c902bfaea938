// Une séance : qui est inscrit, à qui une place est proposée (à confirmer sous 48 heures), qui attend, et ce que
// l'animateur en fait — désinscrire, confirmer pour la personne qui a appelé, changer le nombre de places, annuler la
// séance en prévenant chacun, noter les présences.
import { data, Form, Link, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/ateliers.seances.$id';
import { formFailure, parseForm, rejectForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, TextField, feedbackOf } from '../../../ui/form';
import { changeRegistration } from '../registrations.server';
import { canMarkAttendance, cancelSchema, capacitySchema, isOpen } from '../rules';
import { cancelSession, changeCapacity, helperNames, registrationsOf } from '../sessions.server';
import { sessionRequest } from '../request.server';
import { seatsLabel, sessionWhen } from '../ui/labels';
import { REGISTRATION_STATUSES } from '../vocabulary';
import { can } from '../../../platform/policies';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.session.title ?? 'Séance'} — Ateliers — Relais` }];

const LABELS = { capacity: 'Nombre de places', reason: 'Raison de l’annulation' };

export async function loader(args: Route.LoaderArgs) {
  const { ctx, session } = await sessionRequest(args);
  const [registrations, helpers] = await Promise.all([
    registrationsOf(ctx.tx, ctx.actor.structureId, session.id),
    helperNames(ctx.tx, ctx.actor.structureId, session.peerHelperIds),
  ]);
  const person = (r: (typeof registrations)[number]) => ({
    id: r.id,
    personId: r.personId,
    name: `${r.firstName} ${r.lastName}`,
    status: r.status,
    statusLabel: REGISTRATION_STATUSES[r.status],
    step: r.stepLabel,
    offerUntil: r.offerExpiresAt ? sessionWhen.format(r.offerExpiresAt) : null,
  });
  const holding = registrations.filter((r) => ['inscrit', 'proposee', 'present', 'absent', 'excuse'].includes(r.status)).map(person);
  return {
    session: {
      id: session.id,
      workshopId: session.workshopId,
      title: session.title,
      when: sessionWhen.format(session.startsAt),
      place: session.placeName,
      facilitator: session.facilitatorName,
      helpers,
      capacity: session.capacity,
      seats: seatsLabel(session),
      cancelled: session.cancelledAt !== null,
      cancelReason: session.cancelReason,
      open: isOpen(session, ctx.now),
      attendance: canMarkAttendance(session, ctx.now),
    },
    holding,
    // Le responsable gère les ateliers sans ouvrir les fiches : le nom seul, sans lien.
    canOpenFile: can(ctx.actor, 'personnes.consulter'),
    waiting: registrations.filter((r) => r.status === 'attente').map(person),
    left: registrations.filter((r) => ['desinscrit', 'expiree'].includes(r.status)).map(person),
  };
}

const changeSchema = z.object({ inscription: z.uuid(), changement: z.enum(['desinscrire', 'confirmer', 'refuser']) });
const DONE = { desinscrire: 'Désinscription notée.', confirmer: 'Place confirmée : la personne est inscrite.', refuser: 'Place refusée.' };

export async function action(args: Route.ActionArgs) {
  const { ctx, session } = await sessionRequest(args);
  const form = await args.request.formData();
  const intent = form.get('intent');
  if (intent === 'capacite') {
    const capacity = parseForm(form, capacitySchema);
    if (!capacity.ok) return formFailure(capacity.failure, { done: null });
    const outcome = await changeCapacity(ctx, session.id, capacity.data.capacity);
    if (!outcome.ok && outcome.reason === 'trop_basse')
      return rejectForm(
        form,
        { capacity: `${outcome.taken} places sont déjà prises : la séance ne peut pas en avoir moins. Désinscrivez d’abord quelqu’un.` },
        { done: null },
        409,
      );
    if (!outcome.ok)
      return rejectForm(form, { capacity: 'Cette séance est passée ou annulée : ses places ne changent plus.' }, { done: null }, 409);
    return { errors: {}, values: {}, done: 'Nombre de places changé. Une place ajoutée est proposée à la liste d’attente.' };
  }
  if (intent === 'annuler') {
    const cancel = parseForm(form, cancelSchema);
    if (!cancel.ok) return formFailure(cancel.failure, { done: null });
    const outcome = await cancelSession(ctx, session.id, cancel.data.reason!);
    if (!outcome) return rejectForm(form, { reason: 'Cette séance est passée ou déjà annulée.' }, { done: null }, 409);
    return {
      errors: {},
      values: {},
      done: `Séance annulée : ${outcome.people} personne${outcome.people > 1 ? 's' : ''} prévenue${outcome.people > 1 ? 's' : ''} (${outcome.messages} message${outcome.messages > 1 ? 's' : ''}).`,
    };
  }
  const change = changeSchema.safeParse(Object.fromEntries(form));
  if (!change.success) throw data({ message: 'Formulaire incomplet : rechargez la page.' }, { status: 400 });
  const outcome = await changeRegistration(ctx, session.id, change.data.inscription, change.data.changement);
  if (outcome === 'fermee')
    throw data({ message: 'Cette séance est passée ou annulée : les inscriptions ne changent plus.' }, { status: 409 });
  if (outcome === 'inconnue') throw data({ message: 'Cette inscription a déjà changé : rechargez la page.' }, { status: 409 });
  return { errors: {}, values: {}, done: DONE[change.data.changement] };
}

function PersonName({ person, link }: { person: { personId: string; name: string }; link: boolean }) {
  return link ? <Link to={`/personnes/${person.personId}`}>{person.name}</Link> : <>{person.name}</>;
}

function ChangeButton({ id, change, label, name }: { id: string; change: string; label: string; name: string }) {
  return (
    <Form method="post" className="relais-inline-form">
      <CsrfField />
      <input type="hidden" name="inscription" value={id} />
      <input type="hidden" name="changement" value={change} />
      <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
        {label}
        <span className="fr-sr-only"> : {name}</span>
      </button>
    </Form>
  );
}

export default function Seance() {
  const { session, holding, waiting, left, canOpenFile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, values } = feedbackOf(result);
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to={`/ateliers/${session.workshopId}`}>{session.title}</Link>
      </p>
      <h1>
        {session.title}, {session.when}
      </h1>
      {result?.done && <Notice kind="success" title={result.done} />}
      <ErrorSummary errors={errors} labels={LABELS} />
      {session.cancelled && (
        <Notice kind="warning" title="Séance annulée">
          {session.cancelReason}
        </Notice>
      )}
      <p>
        {session.place}
        {session.facilitator ? ` · animé par ${session.facilitator}` : ''}
        {session.helpers.length > 0 ? ` · pairs-aidants : ${session.helpers.join(', ')}` : ''}
        <br />
        <strong>{session.seats}</strong>
      </p>
      {session.attendance && (
        <p>
          <Link className="fr-btn" to={`/ateliers/seances/${session.id}/presences`}>
            Noter les présences
          </Link>
        </p>
      )}
      <section aria-labelledby="inscrits" className="fr-mt-4w">
        <h2 id="inscrits">Inscrits</h2>
        {holding.length === 0 ? (
          <p>Personne pour l’instant. On inscrit une personne depuis sa fiche (bouton « Ateliers »).</p>
        ) : (
          <ul className="relais-plain-list">
            {holding.map((r) => (
              <li key={r.id} className="fr-mb-2w">
                <PersonName person={r} link={canOpenFile} /> · {r.statusLabel}
                {r.offerUntil ? ` avant le ${r.offerUntil}` : ''}
                {r.step ? ` · étape du plan : ${r.step}` : ''}
                {session.open && r.status === 'proposee' && (
                  <>
                    <ChangeButton id={r.id} change="confirmer" label="Confirmer (la personne a répondu)" name={r.name} />
                    <ChangeButton id={r.id} change="refuser" label="Refuser la place" name={r.name} />
                  </>
                )}
                {session.open && r.status === 'inscrit' && (
                  <ChangeButton id={r.id} change="desinscrire" label="Désinscrire" name={r.name} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="attente" className="fr-mt-4w">
        <h2 id="attente">Liste d’attente</h2>
        {waiting.length === 0 ? (
          <p>Personne n’attend.</p>
        ) : (
          <ol>
            {waiting.map((r) => (
              <li key={r.id} className="fr-mb-1w">
                <PersonName person={r} link={canOpenFile} />
                {session.open && <ChangeButton id={r.id} change="desinscrire" label="Retirer de la liste" name={r.name} />}
              </li>
            ))}
          </ol>
        )}
        <p className="fr-text--sm">
          Quand une place se libère, la première personne de la liste reçoit un message : elle a 48 heures pour la confirmer, sinon la place
          passe à la suivante.
        </p>
      </section>
      {left.length > 0 && (
        <section aria-labelledby="partis" className="fr-mt-4w">
          <h2 id="partis">Désinscrits</h2>
          <ul>
            {left.map((r) => (
              <li key={r.id}>
                {r.name} · {r.statusLabel}
              </li>
            ))}
          </ul>
        </section>
      )}
      {session.open && (
        <>
          <section aria-labelledby="places" className="fr-mt-4w">
            <h2 id="places">Changer le nombre de places</h2>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="capacite" />
              <TextField
                name="capacity"
                label={LABELS.capacity}
                type="number"
                inputMode="numeric"
                min={1}
                max={200}
                required
                defaultValue={values.capacity ?? String(session.capacity)}
                error={errors.capacity}
              />
              <button className="fr-btn fr-btn--secondary" type="submit">
                Changer
              </button>
            </Form>
          </section>
          <section aria-labelledby="annuler" className="fr-mt-4w">
            <h2 id="annuler">Annuler la séance</h2>
            <p>Chaque personne inscrite, à qui une place est proposée, ou qui attend, reçoit un message avec la raison.</p>
            <Form method="post" noValidate>
              <CsrfField />
              <input type="hidden" name="intent" value="annuler" />
              <TextField name="reason" label={LABELS.reason} required defaultValue={values.reason} error={errors.reason} />
              <button className="fr-btn fr-btn--secondary" type="submit">
                Annuler la séance
              </button>
            </Form>
          </section>
        </>
      )}
    </div>
  );
}
