// « Mes données » : télécharger ce que Relais garde de moi (PDF, JSON), demander une correction ou un effacement
// (réponse dans le mois), et voir qui a lu mon dossier (la date, le rôle, la structure).
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.mes-donnees';
import { requireResident } from '../../../platform/authorize.server';
import { CsrfField } from '../../../ui/form';
import { formatDate, formatDateTime, type PortalKey } from '../i18n';
import { askForRequest, readsOfMyFile, requestsOf } from '../my-data.server';
import { helpOf } from '../resident-pages.server';
import { REQUEST_MESSAGE_MAX } from '../rules';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, FieldError, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'donnees.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return {
    requests: await requestsOf(scope),
    reads: await readsOfMyFile(scope),
    sent: new URL(args.request.url).searchParams.get('demande') === 'envoyee',
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const form = await args.request.formData();
  const kind = String(form.get('type') ?? '').slice(0, 50);
  const message = String(form.get('message') ?? '').slice(0, REQUEST_MESSAGE_MAX + 1000);
  const result = await askForRequest(scope, kind, message);
  if (!result.ok) return data({ problem: result.problem, values: { type: kind, message } }, { status: 400 });
  throw redirect('/mon-espace/mes-donnees?demande=envoyee');
}

export default function PortalMyData() {
  const { requests, reads, sent, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, timeZone } = usePortal();
  const day = (value: Date | string) => formatDate(language, new Date(value), timeZone);
  const problem = result?.problem;
  const typeError = problem === 'type_inconnu' || problem === 'mandat_actif' || problem === 'deja_demande' ? problem : null;
  const messageError = problem === 'message_vide' || problem === 'message_trop_long' ? problem : null;
  return (
    <PortalFrame path="/mon-espace/mes-donnees" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('donnees.titre')}</h1>
      <p>{t('donnees.intro')}</p>

      <h2>{t('donnees.telecharger')}</h2>
      <ul>
        <li>
          <a href="/mon-espace/mes-donnees/mes-donnees.pdf">{t('donnees.pdf')}</a>
        </li>
        <li>
          <a href="/mon-espace/mes-donnees/mes-donnees.json">{t('donnees.json')}</a>
        </li>
      </ul>
      <p>{t('donnees.notes')}</p>

      <h2 id="demander">{t('donnees.demander')}</h2>
      {sent && (
        <p className="portail-alerte" role="status">
          {t('donnees.envoyee')}
        </p>
      )}
      <p>{t('donnees.demander_intro')}</p>
      <form method="post" noValidate className="portail-carte">
        <CsrfField />
        <fieldset className="portail-choix" aria-describedby={typeError ? 'type-erreur' : undefined}>
          <legend>{t('donnees.type')}</legend>
          {(['correction', 'effacement'] as const).map((kind) => (
            <div className="portail-case" key={kind}>
              <input type="radio" id={`type-${kind}`} name="type" value={kind} defaultChecked={result?.values.type === kind} />
              <label htmlFor={`type-${kind}`}>{t(`donnees.${kind}`)}</label>
            </div>
          ))}
          <FieldError id="type-erreur" message={typeError ? t(`donnees.erreurs.${typeError}`) : undefined} />
        </fieldset>
        <div className="portail-champ">
          <label htmlFor="message">
            {t('donnees.message')}
            <span className="portail-aide-champ" id="message-aide">
              {t('donnees.message_aide')}
            </span>
          </label>
          <textarea
            id="message"
            name="message"
            rows={4}
            maxLength={REQUEST_MESSAGE_MAX}
            defaultValue={result?.values.message}
            aria-invalid={messageError ? true : undefined}
            aria-describedby={messageError ? 'message-aide message-erreur' : 'message-aide'}
          />
          <FieldError id="message-erreur" message={messageError ? t(`donnees.erreurs.${messageError}`) : undefined} />
        </div>
        <button type="submit" className="portail-bouton">
          {t('donnees.envoyer')}
        </button>
      </form>
      {requests.length > 0 && (
        <>
          <h3>{t('donnees.mes_demandes')}</h3>
          <ul className="portail-liste">
            {requests.map((request) => (
              <li key={request.id} className="portail-carte">
                <p>
                  <strong>{t(`donnees.demande.${request.kind}` as PortalKey, { date: day(request.createdAt) })}</strong>
                </p>
                {request.message && <p>{request.message}</p>}
                {request.answeredAt ? (
                  <p>
                    {t('donnees.repondue', { date: day(request.answeredAt) })} {request.answer}
                  </p>
                ) : (
                  <p>{t('donnees.en_attente', { date: day(request.dueAt) })}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('donnees.lectures')}</h2>
      <p>{t('donnees.lectures_intro')}</p>
      {reads.length === 0 ? (
        <p>{t('donnees.lectures_vide')}</p>
      ) : (
        <ul>
          {reads.map((read, index) => (
            <li key={index}>
              {t('donnees.lecture', {
                date: formatDateTime(language, new Date(read.at), timeZone),
                who: read.name
                  ? `${read.name} (${t(`donnees.roles.${read.role ?? 'inconnu'}` as PortalKey)})`
                  : t(`donnees.roles.${read.role ?? 'inconnu'}` as PortalKey),
                structure: read.structure,
              })}
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}
