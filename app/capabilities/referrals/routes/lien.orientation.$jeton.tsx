// La page d'un lieu sans compte sur Relais, ouverte par son lien signé : le minimum transmis avec l'accord de la
// personne, « bien reçu », puis le résultat. Pas de session : le lien seul ouvre cette orientation, et rien d'autre.
import { data, Form, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/lien.orientation.$jeton';
import { acknowledgeByLink, readByLink, recordOutcomeByLink, type LinkAccess, type LinkAnswer } from '../partner-links.server';
import { linkOutcomeSchema } from '../rules';
import { OUTCOME_LABELS, OutcomeForm } from '../ui/outcome-form';
import { CHANNELS, OUTCOMES, REFUSAL_REASONS, STATUSES, type Channel, type Outcome, type RefusalReason } from '../vocabulary';
import { allowPublic } from '../../../platform/authorize.server';
import { formFailure, parseForm } from '../../../platform/forms.server';
import { CsrfField, ErrorSummary, Notice, feedbackOf } from '../../../ui/form';
import { dateFormat } from '../../../platform/time';
import { LINK_ANSWER_REFUSALS } from '../errors';

export const meta: Route.MetaFunction = () => [{ title: 'Orientation reçue — Relais' }, { name: 'robots', content: 'noindex' }];

const day = dateFormat({ dateStyle: 'long' });
const when = dateFormat({ dateStyle: 'long', timeStyle: 'short' });

/** Un lien qui n'ouvre plus rien le dit clairement, avec la marche à suivre ; rien n'est modifié. */
function refusal(access: Extract<LinkAccess, { ok: false }>) {
  if (access.reason === 'expire')
    return data(
      {
        message: `Ce lien a expiré le ${day.format(access.expiresAt!)}. Demandez un nouveau lien à la structure qui vous a orienté la personne.`,
      },
      { status: 410 },
    );
  if (access.reason === 'retire')
    return data(
      {
        message:
          'Ce lien a été remplacé ou retiré par la structure qui vous l’avait envoyé. Utilisez le lien le plus récent, ou demandez-en un nouveau.',
      },
      { status: 410 },
    );
  return data(
    {
      message:
        'Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier, ou demandez un nouveau lien à la structure qui vous a orienté la personne.',
    },
    { status: 404 },
  );
}

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const access = await readByLink(scope, args.params.jeton);
  if (!access.ok) throw refusal(access);
  const l = access.link;
  return {
    senderName: l.senderName,
    senderAgentName: l.senderAgentName,
    placeName: l.placeName,
    personName: l.personName,
    personContact: l.personContact,
    reason: l.reason,
    toBring: l.toBring,
    service: l.service,
    channel: CHANNELS[l.channel as Channel],
    appointmentAt: l.appointmentAt ? when.format(l.appointmentAt) : null,
    createdAt: when.format(l.createdAt),
    expiresAt: day.format(l.expiresAt),
    status: l.status,
    statusLabel: STATUSES[l.status],
    acknowledgedAt: l.acknowledgedAt ? when.format(l.acknowledgedAt) : null,
    outcome: l.outcome ? OUTCOMES[l.outcome as Outcome] : null,
    refusalReason: l.refusalReason ? REFUSAL_REASONS[l.refusalReason as RefusalReason] : null,
    outcomeAt: l.outcomeAt ? when.format(l.outcomeAt) : null,
    comment: l.comment,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const token = args.params.jeton;
  const form = await args.request.formData();
  let result: LinkAnswer;
  if (form.get('intent') === 'prendre_en_compte') result = await acknowledgeByLink(scope, token);
  else {
    const parsed = parseForm(form, linkOutcomeSchema);
    if (!parsed.ok) return formFailure(parsed.failure);
    result = await recordOutcomeByLink(scope, token, parsed.data);
  }
  if (!result.ok && 'link' in result)
    return data({ conflict: LINK_ANSWER_REFUSALS[result.reason], errors: {}, values: {} }, { status: 409 });
  if (!result.ok) throw refusal(result);
  throw redirect(`/lien/orientation/${token}`);
}

export default function OrientationParLien() {
  const l = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = feedbackOf(result).errors;
  return (
    <div className="fr-container fr-my-6w">
      <h1>
        Orientation de {l.senderName} vers {l.placeName}
      </h1>
      <p>
        Pour : <strong>{l.personName}</strong>
        {l.personContact ? ` · ${l.personContact}` : ''}. Seuls son nom, son contact et le motif vous sont transmis, avec son accord. Ce
        lien est personnel à votre lieu et vaut jusqu'au {l.expiresAt}.
      </p>
      {result && 'conflict' in result && <Notice kind="warning" title={result.conflict} />}
      <dl className="relais-facts">
        <dt>État</dt>
        <dd>
          {l.statusLabel}
          {l.outcome ? ` · ${l.outcome}` : ''}
          {l.refusalReason ? ` (${l.refusalReason})` : ''}
        </dd>
        {l.service && (
          <>
            <dt>Service</dt>
            <dd>{l.service}</dd>
          </>
        )}
        <dt>Motif</dt>
        <dd>{l.reason}</dd>
        {l.toBring && (
          <>
            <dt>La personne apporte</dt>
            <dd>{l.toBring}</dd>
          </>
        )}
        <dt>Comment</dt>
        <dd>
          {l.channel}
          {l.appointmentAt ? ` · rendez-vous le ${l.appointmentAt}` : ''}
        </dd>
        <dt>Envoyée le</dt>
        <dd>
          {l.createdAt} par {l.senderAgentName}
        </dd>
        {l.acknowledgedAt && (
          <>
            <dt>Prise en compte le</dt>
            <dd>{l.acknowledgedAt}</dd>
          </>
        )}
        {l.outcomeAt && (
          <>
            <dt>Résultat noté le</dt>
            <dd>{l.outcomeAt}</dd>
          </>
        )}
        {l.comment && (
          <>
            <dt>Commentaire</dt>
            <dd>{l.comment}</dd>
          </>
        )}
      </dl>
      {l.status === 'envoyee' && (
        <Form method="post" className="fr-mt-3w">
          <CsrfField />
          <input type="hidden" name="intent" value="prendre_en_compte" />
          <button className="fr-btn fr-btn--secondary" type="submit">
            Bien reçu : nous nous en occupons
          </button>
        </Form>
      )}
      {l.status !== 'close' ? (
        <section aria-labelledby="resultat" className="fr-mt-4w">
          <h2 id="resultat">Dire ce qu'il est advenu de la personne</h2>
          <ErrorSummary errors={errors} labels={OUTCOME_LABELS} />
          <OutcomeForm errors={errors} values={feedbackOf(result).values} askName />
        </section>
      ) : (
        <Notice kind="success" title={`Merci : votre réponse est enregistrée, ${l.senderName} la voit.`} />
      )}
    </div>
  );
}
