// Un mandat de la personne : ce qu'il permet, jusqu'à quand, le PDF, ce qui a été fait en son nom ; et « Arrêter ce
// mandat » (une case à cocher, puis le bouton), sans avoir à dire pourquoi.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.mandats.$id';
import { requireResident } from '../../../platform/authorize.server';
import { notFound, requireIdParam } from '../../../platform/http.server';
import { CsrfField } from '../../../ui/form';
import { formatDate, formatDateTime, type PortalKey } from '../i18n';
import { residentMandate, revokeOwnMandate } from '../my-mandates.server';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { MandateState } from '../ui/mandate-state';
import { PortalError } from '../ui/portal-error';
import { FieldError, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'mandats.titre');

const NOT_FOUND = 'Mandat introuvable.';

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  const view = await residentMandate(scope, requireIdParam(args.params.id, NOT_FOUND));
  if (!view) throw notFound(NOT_FOUND);
  const revoked = new URL(args.request.url).searchParams.get('arrete') === '1';
  return { view, revoked, help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

export async function action(args: Route.ActionArgs) {
  const scope = await requireResident(args, readResidentSession);
  const id = requireIdParam(args.params.id, NOT_FOUND);
  const form = await args.request.formData();
  const result = await revokeOwnMandate(scope, id, form.get('confirmer') === 'oui');
  if (result.ok) throw redirect(`/mon-espace/mandats/${id}?arrete=1`);
  if (result.error === 'introuvable') throw notFound(NOT_FOUND);
  return data({ error: result.error }, { status: 400 });
}

export default function PortalMandate() {
  const { view, revoked, help, sharedComputer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language, timeZone } = usePortal();
  const { mandate } = view;
  const error = result?.error;
  const day = formatDate(language, new Date(mandate.signedAt ?? mandate.expiresAt ?? Date.now()), timeZone);
  return (
    <PortalFrame path={`/mon-espace/mandats/${mandate.id}`} signedIn sharedComputer={sharedComputer} help={help}>
      <p>
        <a href="/mon-espace/mandats">{t('mandats.titre')}</a>
      </p>
      <h1>{t('mandats.mandat_du', { date: day })}</h1>
      {revoked && (
        <p className="portail-alerte" role="status">
          {t('mandats.arreter.fait')}
        </p>
      )}
      <MandateState mandate={{ ...mandate, status: view.status }} />
      {mandate.revokedByPerson && <p>{t('mandats.par_vous')}</p>}
      <p>{t('mandats.permet', { mediator: view.mediatorName || help.structureName })}</p>
      <ul>
        {mandate.areas.map((area) => (
          <li key={area}>{t(`mandats.domaines.${area}` as PortalKey)}</li>
        ))}
      </ul>
      <p>{t('mandats.mots_de_passe')}</p>
      <p>
        <a href={`/mon-espace/mandats/${mandate.id}/pdf`}>{t('mandats.pdf')}</a>
      </p>
      <h2>{t('mandats.actes')}</h2>
      {view.acts.length === 0 ? (
        <p>{t('mandats.actes_vide')}</p>
      ) : (
        <ul className="portail-liste">
          {view.acts.map((act, index) => (
            <li key={index} className="portail-carte">
              <p>
                {t('mandats.acte_le', { date: formatDateTime(language, new Date(act.occurredAt), timeZone), service: act.onlineService })}
              </p>
              <p>{act.whatDone}</p>
            </li>
          ))}
        </ul>
      )}
      {view.status === 'actif' && (
        <form method="post" noValidate className="portail-carte">
          <CsrfField />
          <h2>{t('mandats.arreter.titre')}</h2>
          <p>{t('mandats.arreter.texte')}</p>
          <p>{t('mandats.arreter.effet')}</p>
          {error === 'pas_actif' && (
            <p className="portail-alerte portail-alerte--erreur" role="alert">
              {t('mandats.erreurs.pas_actif')}
            </p>
          )}
          <div className="portail-case">
            <input
              type="checkbox"
              id="confirmer"
              name="confirmer"
              value="oui"
              aria-invalid={error === 'non_confirme' ? true : undefined}
              aria-describedby={error === 'non_confirme' ? 'confirmer-erreur' : undefined}
            />
            <label htmlFor="confirmer">{t('mandats.arreter.case')}</label>
          </div>
          <FieldError id="confirmer-erreur" message={error === 'non_confirme' ? t('mandats.erreurs.non_confirme') : undefined} />
          <button type="submit" className="portail-bouton">
            {t('mandats.arreter.bouton')}
          </button>
        </form>
      )}
    </PortalFrame>
  );
}

export const ErrorBoundary = PortalError;
