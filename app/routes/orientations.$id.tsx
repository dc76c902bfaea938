import { data, Link, redirect, useActionData, useLoaderData } from 'react-router';
import { z } from 'zod';
import type { Route } from './+types/orientations.$id';
import { readReferral, recordOwnOutcome } from '../capabilities/referrals/referrals.server';
import { outcomeSchema } from '../capabilities/referrals/rules';
import { ANSWER_REFUSALS, OUTCOME_LABELS, OutcomeForm } from '../capabilities/referrals/ui/outcome-form';
import { CHANNELS, OUTCOMES, REFUSAL_REASONS, STATUSES, type Channel, type Outcome, type RefusalReason } from '../capabilities/referrals/vocabulary';
import { requireAgent, servicesOf } from '../platform/authorize.server';
import { parseForm } from '../platform/forms.server';
import { ErrorSummary, Notice } from '../ui/form';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Orientation vers ${data?.placeName ?? 'un lieu'} — Relais` }];

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const notFound = () => data({ message: "Cette orientation n'existe pas dans votre structure." }, { status: 404 });

export async function loader(args: Route.LoaderArgs) {
  const agent = await requireAgent(args, 'orientations.envoyer');
  const id = z.uuid().safeParse(args.params.id);
  const view = id.success ? await readReferral(servicesOf(args.context), agent, id.data) : null;
  if (!view) throw notFound();
  const { referral, person, place, state } = view;
  return {
    id: referral.id,
    personId: person.id,
    personName: [person.firstName, person.lastName].filter(Boolean).join(' '),
    placeId: place.id,
    placeName: place.name,
    partnerName: view.partnerName,
    shared: referral.consentShare,
    reason: referral.reason,
    toBring: referral.toBring,
    channel: CHANNELS[referral.channel as Channel],
    appointmentAt: referral.appointmentAt ? when.format(referral.appointmentAt) : null,
    sentAt: when.format(referral.createdAt),
    status: STATUSES[state.status],
    open: state.status !== 'close',
    outcome: state.outcome ? OUTCOMES[state.outcome as Outcome] : null,
    refusalReason: state.refusalReason ? REFUSAL_REASONS[state.refusalReason as RefusalReason] : null,
    comment: state.comment,
    acknowledgedAt: state.acknowledgedAt ? when.format(state.acknowledgedAt) : null,
    outcomeAt: state.outcomeAt ? when.format(state.outcomeAt) : null,
    answeredBy: state.answeredBy,
    followUp: view.followUp,
    sent: new URL(args.request.url).searchParams.has('envoyee'),
  };
}

export async function action(args: Route.ActionArgs) {
  const agent = await requireAgent(args, 'orientations.envoyer');
  const id = z.uuid().safeParse(args.params.id);
  if (!id.success) throw notFound();
  const parsed = parseForm(await args.request.formData(), outcomeSchema);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const result = await recordOwnOutcome(servicesOf(args.context), agent, id.data, parsed.data);
  if (!result.ok && result.error === 'introuvable') throw notFound();
  if (!result.ok) return data({ errors: { outcome: ANSWER_REFUSALS[result.error] }, values: {} }, { status: 409 });
  throw redirect(`/orientations/${id.data}`);
}

export default function Orientation() {
  const o = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string>;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/orientations">← Orientations</Link> · <Link to={`/personnes/${o.personId}`}>Fiche de {o.personName}</Link>
      </p>
      {o.sent && (
        <Notice kind="success" title="Orientation enregistrée.">
          {o.shared ? `${o.partnerName} la reçoit sur Relais.` : 'Rien n’a été transmis au lieu : remettez la fiche à la personne.'}
        </Notice>
      )}
      {o.followUp === 'a_relancer' && <Notice kind="warning" title="Sans réponse du partenaire : à relancer." />}
      {o.followUp === 'expiree' && <Notice kind="warning" title="Sans réponse depuis 30 jours : l’orientation a expiré. Prenez des nouvelles de la personne." />}
      <h1>
        Orientation de {o.personName} vers <Link to={`/lieux/${o.placeId}`}>{o.placeName}</Link>
      </h1>
      <p>
        <a className="fr-btn" href={`/orientations/${o.id}/fiche.pdf`}>
          Imprimer la fiche pour la personne (PDF)
        </a>
      </p>
      <dl className="relais-facts">
        <dt>État</dt>
        <dd>
          {o.status}
          {o.outcome ? ` · ${o.outcome}` : ''}
          {o.refusalReason ? ` (${o.refusalReason})` : ''}
        </dd>
        <dt>Envoyée le</dt>
        <dd>{o.sentAt}</dd>
        {o.acknowledgedAt && (
          <>
            <dt>Prise en compte par le partenaire</dt>
            <dd>{o.acknowledgedAt}</dd>
          </>
        )}
        {o.outcomeAt && (
          <>
            <dt>Résultat noté le</dt>
            <dd>
              {o.outcomeAt} {o.answeredBy === 'partenaire' ? `par ${o.partnerName}` : 'par votre structure'}
            </dd>
          </>
        )}
        {o.comment && (
          <>
            <dt>Commentaire</dt>
            <dd>{o.comment}</dd>
          </>
        )}
        <dt>Motif</dt>
        <dd>{o.reason}</dd>
        {o.toBring && (
          <>
            <dt>À apporter</dt>
            <dd>{o.toBring}</dd>
          </>
        )}
        <dt>Comment</dt>
        <dd>
          {o.channel}
          {o.appointmentAt ? ` · rendez-vous le ${o.appointmentAt}` : ''}
        </dd>
        <dt>Partage</dt>
        <dd>{o.shared ? `Nom, contact et motif transmis à ${o.partnerName}, avec l'accord de la personne.` : 'Rien n’a été transmis au lieu.'}</dd>
      </dl>
      {o.open && !o.shared && (
        <section aria-labelledby="resultat" className="fr-mt-4w">
          <h2 id="resultat">Noter le résultat</h2>
          <p>Le lieu n'est pas sur Relais : après avoir pris des nouvelles de la personne (ou du lieu), notez ce qu'il en est.</p>
          <ErrorSummary errors={errors} labels={OUTCOME_LABELS} />
          <OutcomeForm errors={errors} values={(result?.values ?? {}) as Record<string, string>} />
        </section>
      )}
    </div>
  );
}
