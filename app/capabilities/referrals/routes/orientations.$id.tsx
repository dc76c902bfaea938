import { data, Link, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/orientations.$id';
import { renewLink } from '../partner-links.server';
import { readReferral, recordOwnOutcome } from '../referrals.server';
import { outcomeSchema } from '../rules';
import { OUTCOME_LABELS, OutcomeForm } from '../ui/outcome-form';
import { ReferralMessages, ReferralLink } from '../ui/sharing';
import {
  CHANNELS,
  MESSAGE_PURPOSES,
  OUTCOMES,
  REFUSAL_REASONS,
  STATUSES,
  type Channel,
  type Outcome,
  type RefusalReason,
} from '../vocabulary';
import { CHANNEL_LABELS, MESSAGE_STATUS_LABELS } from '../../../platform/jobs/rules';
import { requireAgent } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { ErrorSummary, Notice, feedbackOf } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { appointmentsForReferral } from '../../appointments/partner-booking.server';
import { APPOINTMENT_STATUSES } from '../../appointments/vocabulary';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { ANSWER_REFUSALS, LINK_REFUSALS, REFERRAL_NOT_FOUND } from '../errors';

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Orientation vers ${data?.placeName ?? 'un lieu'} — Relais` }];

const day = dateFormat({ dateStyle: 'long' });
const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const view = await readReferral(ctx, id);
  if (!view) throw notFound(REFERRAL_NOT_FOUND);
  const { referral, person, place, state } = view;
  const appointments = await appointmentsForReferral(ctx.tx, ctx.actor.structureId, id);
  return {
    id: referral.id,
    appointments: appointments.map((a) => ({
      id: a.id,
      label: `${a.motifName ?? 'Rendez-vous'}, le ${when.format(a.startsAt)} (${APPOINTMENT_STATUSES[a.status].toLowerCase()})`,
    })),
    personId: person.id,
    personName: [person.firstName, person.lastName].filter(Boolean).join(' '),
    placeId: place.id,
    placeName: place.name,
    partnerName: view.partnerName,
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
    answeredName: view.link?.answeredBy ?? null,
    followUp: view.followUp,
    service: referral.service,
    sharing: (referral.partnerStructureId ? 'partenaire' : referral.consentShare ? 'lien' : 'aucun') as 'partenaire' | 'lien' | 'aucun',
    link: view.link && {
      url: view.link.url,
      sentTo: view.link.sentTo,
      expiresAt: day.format(view.link.expiresAt),
      answered: view.link.status !== 'envoyee',
    },
    reminders: referral.reminderCount,
    lastReminderAt: referral.lastReminderAt ? when.format(referral.lastReminderAt) : null,
    expiredAt: referral.expiredAt ? when.format(referral.expiredAt) : null,
    messages: view.messages.map((m) => ({
      id: m.id,
      what: MESSAGE_PURPOSES[m.purpose] ?? m.purpose,
      how: `${CHANNEL_LABELS[m.channel as keyof typeof CHANNEL_LABELS] ?? m.channel} à ${m.recipient}`,
      status: MESSAGE_STATUS_LABELS[m.status as keyof typeof MESSAGE_STATUS_LABELS] ?? m.status,
      at: when.format(m.sentAt ?? m.createdAt),
      error: m.status === 'echec' ? m.lastError : null,
    })),
    sent: new URL(args.request.url).searchParams.has('envoyee'),
    renewed: new URL(args.request.url).searchParams.has('lien'),
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'orientations.envoyer');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const form = await args.request.formData();
  if (form.get('intent') === 'lien') {
    const renewed = await renewLink(ctx, id);
    if (!renewed.ok) {
      if (renewed.error === 'introuvable') throw notFound(REFERRAL_NOT_FOUND);
      return data(feedback({ lien: LINK_REFUSALS[renewed.error] }), { status: 409 });
    }
    throw redirect(`/orientations/${id}?lien=1`);
  }
  const parsed = parseForm(form, outcomeSchema);
  if (!parsed.ok) return formFailure(parsed.failure);
  const result = await recordOwnOutcome(ctx, id, parsed.data);
  if (!result.ok && result.error === 'introuvable') throw notFound(REFERRAL_NOT_FOUND);
  if (!result.ok) return data(feedback({ outcome: ANSWER_REFUSALS[result.error] }), { status: 409 });
  throw redirect(`/orientations/${id}`);
}

export default function Orientation() {
  const o = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/orientations">← Orientations</Link> · <Link to={`/personnes/${o.personId}`}>Fiche de {o.personName}</Link>
      </p>
      {o.sent && (
        <Notice kind="success" title="Orientation enregistrée.">
          {o.sharing === 'partenaire'
            ? `${o.partnerName} la reçoit sur Relais.`
            : o.sharing === 'lien'
              ? o.link?.sentTo
                ? `Le lieu reçoit par e-mail (${o.link.sentTo}) un lien pour la voir et répondre.`
                : 'Le lieu n’a pas d’adresse e-mail dans l’annuaire : transmettez-lui le lien ci-dessous.'
              : 'Rien n’a été transmis au lieu : remettez la fiche à la personne.'}
        </Notice>
      )}
      {o.renewed && <Notice kind="success" title="Nouveau lien créé : l’ancien ne fonctionne plus." />}
      {o.followUp === 'a_relancer' && (
        <Notice kind="warning" title="Sans réponse du lieu : à relancer.">
          {o.lastReminderAt
            ? `Relance envoyée au lieu le ${o.lastReminderAt} (${o.reminders} en tout).`
            : o.sharing === 'aucun'
              ? 'Le lieu n’a rien reçu : appelez-le, ou prenez des nouvelles de la personne.'
              : 'Relais relance le lieu par e-mail s’il a une adresse ; vous pouvez aussi l’appeler.'}
        </Notice>
      )}
      {o.followUp === 'expiree' && (
        <Notice
          kind="warning"
          title={`Sans réponse depuis 30 jours : l’orientation a expiré${o.expiredAt ? ` (le ${o.expiredAt})` : ''}. Prenez des nouvelles de la personne.`}
        />
      )}
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
            <dt>Prise en compte par le lieu</dt>
            <dd>{o.acknowledgedAt}</dd>
          </>
        )}
        {o.outcomeAt && (
          <>
            <dt>Résultat noté le</dt>
            <dd>
              {o.outcomeAt}{' '}
              {o.answeredBy === 'partenaire'
                ? `par ${o.partnerName}`
                : o.answeredBy === 'lieu'
                  ? `par le lieu, avec son lien${o.answeredName ? ` (${o.answeredName})` : ''}`
                  : 'par votre structure'}
            </dd>
          </>
        )}
        {o.comment && (
          <>
            <dt>Commentaire</dt>
            <dd>{o.comment}</dd>
          </>
        )}
        {o.service && (
          <>
            <dt>Service</dt>
            <dd>{o.service}</dd>
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
        <dd>
          {o.sharing === 'partenaire'
            ? `Nom, contact et motif transmis à ${o.partnerName}, avec l'accord de la personne.`
            : o.sharing === 'lien'
              ? 'Nom, contact et motif visibles par le lieu avec son lien personnel, avec l’accord de la personne.'
              : 'Rien n’a été transmis au lieu.'}
        </dd>
      </dl>
      {o.appointments.length > 0 && (
        <section aria-labelledby="rendez-vous" className="fr-mt-4w">
          <h2 id="rendez-vous">Rendez-vous pris pour cette orientation</h2>
          <ul>
            {o.appointments.map((a) => (
              <li key={a.id}>
                <Link to={`/rendez-vous/${a.id}`}>{a.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {o.link && <ReferralLink link={o.link} open={o.open} error={errors.lien} />}
      <ReferralMessages messages={o.messages} />
      {o.open && o.sharing !== 'partenaire' && !o.link?.answered && (
        <section aria-labelledby="resultat" className="fr-mt-4w">
          <h2 id="resultat">Noter le résultat</h2>
          <p>
            Le lieu n'est pas sur Relais{o.link ? ' et n’a pas encore répondu par son lien' : ''} : après avoir pris des nouvelles de la
            personne (ou du lieu), notez ce qu'il en est.
            {o.link ? ' Le lien du lieu sera alors retiré.' : ''}
          </p>
          <ErrorSummary errors={errors} labels={OUTCOME_LABELS} />
          <OutcomeForm errors={errors} values={feedbackOf(result).values} />
        </section>
      )}
    </div>
  );
}
