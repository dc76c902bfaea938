import { data, Link, redirect, useActionData, useLoaderData, Form } from 'react-router';
import type { Route } from './+types/orientations.recues.$id';
import { acknowledgeHandoff, readHandoff, recordHandoffOutcome } from '../referrals.server';
import { outcomeSchema } from '../rules';
import { OUTCOME_LABELS, OutcomeForm } from '../ui/outcome-form';
import { CHANNELS, OUTCOMES, REFUSAL_REASONS, STATUSES, type Channel, type Outcome, type RefusalReason } from '../vocabulary';
import { requireAgent } from '../../../platform/authorize.server';
import { feedback, formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, feedbackOf } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { ANSWER_REFUSALS, REFERRAL_NOT_FOUND } from '../errors';
import { papersSharedWithUs } from '../../vault/partner-shares.server';
import { DOCUMENT_KINDS, type DocumentKind } from '../../vault/vocabulary';
import { appointmentsForReferral, openReceivedReferral } from '../../appointments/partner-booking.server';
import { APPOINTMENT_STATUSES } from '../../appointments/vocabulary';

export const meta: Route.MetaFunction = () => [{ title: 'Orientation reçue — Relais' }];

const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });
const day = dateFormat({ dateStyle: 'long' });
const dayOf = (iso: string | null) => (iso ? day.format(new Date(`${iso}T12:00:00`)) : null);

export async function loader(args: Route.LoaderArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const h = await readHandoff(ctx, id);
  if (!h) throw notFound(REFERRAL_NOT_FOUND);
  const papers = await papersSharedWithUs(ctx, id);
  const opened = await openReceivedReferral(ctx.tx, id);
  const appointments = opened ? await appointmentsForReferral(ctx.tx, opened.senderId, id) : [];
  return {
    ...h,
    booked: new URL(args.request.url).searchParams.get('rendez-vous') === 'pris',
    appointments: appointments.map((a) => ({
      id: a.id,
      when: when.format(a.startsAt),
      motif: a.motifName ?? 'Rendez-vous',
      status: APPOINTMENT_STATUSES[a.status],
    })),
    papers: papers.map((paper) => ({
      id: paper.id,
      kind: DOCUMENT_KINDS[paper.kind as DocumentKind]?.label ?? 'Papier',
      issuedOn: dayOf(paper.issuedOn),
      expiresOn: dayOf(paper.expiresOn),
      pages: paper.pageCount,
      until: when.format(paper.until),
    })),
    statusLabel: STATUSES[h.status],
    channel: CHANNELS[h.channel as Channel],
    createdAt: when.format(h.createdAt),
    appointmentAt: h.appointmentAt ? when.format(h.appointmentAt) : null,
    acknowledgedAt: h.acknowledgedAt ? when.format(h.acknowledgedAt) : null,
    outcomeAt: h.outcomeAt ? when.format(h.outcomeAt) : null,
    outcome: h.outcome ? OUTCOMES[h.outcome as Outcome] : null,
    refusalReason: h.refusalReason ? REFUSAL_REASONS[h.refusalReason as RefusalReason] : null,
  };
}

export async function action(args: Route.ActionArgs) {
  const ctx = await requireAgent(args, 'orientations.recevoir');
  const id = requireIdParam(args.params.id, REFERRAL_NOT_FOUND);
  const form = await args.request.formData();
  let result;
  if (form.get('intent') === 'prendre_en_compte') result = await acknowledgeHandoff(ctx, id);
  else {
    const parsed = parseForm(form, outcomeSchema);
    if (!parsed.ok) return formFailure(parsed.failure);
    result = await recordHandoffOutcome(ctx, id, parsed.data);
  }
  if (!result.ok && result.error === 'introuvable') throw notFound(REFERRAL_NOT_FOUND);
  if (!result.ok) return data(feedback({ outcome: ANSWER_REFUSALS[result.error] }), { status: 409 });
  throw redirect(`/orientations/recues/${id}`);
}

export default function OrientationRecue() {
  const h = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link to="/orientations">← Orientations</Link>
      </p>
      <h1>Orientation reçue de {h.senderName}</h1>
      <p>
        Pour : <strong>{h.personName}</strong>
        {h.personContact ? ` · ${h.personContact}` : ''}. Seuls son nom, son contact et le motif vous sont transmis, avec son accord.
      </p>
      <dl className="relais-facts">
        <dt>État</dt>
        <dd>
          {h.statusLabel}
          {h.outcome ? ` · ${h.outcome}` : ''}
          {h.refusalReason ? ` (${h.refusalReason})` : ''}
        </dd>
        <dt>Lieu</dt>
        <dd>{h.placeName}</dd>
        <dt>Motif</dt>
        <dd>{h.reason}</dd>
        {h.toBring && (
          <>
            <dt>La personne apporte</dt>
            <dd>{h.toBring}</dd>
          </>
        )}
        <dt>Comment</dt>
        <dd>
          {h.channel}
          {h.appointmentAt ? ` · rendez-vous le ${h.appointmentAt}` : ''}
        </dd>
        <dt>Envoyée le</dt>
        <dd>
          {h.createdAt} par {h.senderAgentName}
        </dd>
        {h.acknowledgedAt && (
          <>
            <dt>Prise en compte le</dt>
            <dd>{h.acknowledgedAt}</dd>
          </>
        )}
        {h.outcomeAt && (
          <>
            <dt>Résultat noté le</dt>
            <dd>{h.outcomeAt}</dd>
          </>
        )}
        {h.comment && (
          <>
            <dt>Commentaire</dt>
            <dd>{h.comment}</dd>
          </>
        )}
      </dl>
      {h.booked && <Notice kind="success" title={`Le rendez-vous est pris. ${h.personName} reçoit la confirmation.`} />}
      <section aria-labelledby="rendez-vous" className="fr-mt-4w">
        <h2 id="rendez-vous">Rendez-vous avec {h.senderName}</h2>
        {h.appointments.length > 0 && (
          <ul>
            {h.appointments.map((a) => (
              <li key={a.id}>
                {a.motif}, le {a.when} ({a.status.toLowerCase()})
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/orientations/recues/${h.id}/rendez-vous`}>Prendre un rendez-vous pour {h.personName}</Link>
        </p>
      </section>
      {h.papers.length > 0 && (
        <section aria-labelledby="papiers" className="fr-mt-4w">
          <h2 id="papiers">Papiers joints par la personne</h2>
          <p>
            {h.personName} vous les a transmis depuis son coffre-fort. Chaque ouverture lui est montrée ; le PDF porte la mention « Transmis
            par … ».
          </p>
          <ul>
            {h.papers.map((paper) => (
              <li key={paper.id} className="fr-mb-2w">
                <strong>{paper.kind}</strong>
                {paper.issuedOn ? `, délivré le ${paper.issuedOn}` : ''}
                {paper.expiresOn ? `, valable jusqu'au ${paper.expiresOn}` : ''} ({paper.pages} page{paper.pages > 1 ? 's' : ''}). Partagé
                jusqu'au {paper.until}.{' '}
                <a href={`/orientations/recues/${h.id}/papiers/${paper.id}?voir`}>
                  Voir<span className="fr-sr-only"> : {paper.kind} (PDF)</span>
                </a>{' '}
                ·{' '}
                <a href={`/orientations/recues/${h.id}/papiers/${paper.id}`} download>
                  Télécharger<span className="fr-sr-only"> : {paper.kind} (PDF)</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {h.status === 'envoyee' && (
        <Form method="post" className="fr-mt-3w">
          <CsrfField />
          <input type="hidden" name="intent" value="prendre_en_compte" />
          <button className="fr-btn fr-btn--secondary" type="submit">
            Prendre en compte
          </button>
        </Form>
      )}
      {h.status !== 'close' ? (
        <section aria-labelledby="resultat" className="fr-mt-4w">
          <h2 id="resultat">Dire ce qu'il est advenu de la personne</h2>
          <ErrorSummary errors={errors} labels={OUTCOME_LABELS} />
          <OutcomeForm errors={errors} values={feedbackOf(result).values} />
        </section>
      ) : (
        <Notice kind="info" title={`Orientation close : ${h.senderName} voit le résultat.`} />
      )}
    </div>
  );
}
