// « Mes mandats » : chaque mandat de la personne, ce qu'il permet et son état du jour.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.mandats';
import { requireResident } from '../../../platform/authorize.server';
import { formatDate, type PortalKey } from '../i18n';
import { residentMandates } from '../my-mandates.server';
import { helpOf } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { MandateState } from '../ui/mandate-state';
import { BackToSpace, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'mandats.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return { mandates: await residentMandates(scope), help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

export default function PortalMandates() {
  const { mandates, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t, language, timeZone } = usePortal();
  return (
    <PortalFrame path="/mon-espace/mandats" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('mandats.titre')}</h1>
      <p>{t('mandats.intro')}</p>
      {mandates.length === 0 ? (
        <p>{t('mandats.vide')}</p>
      ) : (
        <ul className="portail-liste">
          {mandates.map((mandate) => {
            const day = formatDate(language, new Date(mandate.signedAt ?? mandate.expiresAt ?? Date.now()), timeZone);
            return (
              <li key={mandate.id} className="portail-carte">
                <h2>{t('mandats.mandat_du', { date: day })}</h2>
                <MandateState mandate={mandate} />
                <ul>
                  {mandate.areas.map((area) => (
                    <li key={area}>{t(`mandats.domaines.${area}` as PortalKey)}</li>
                  ))}
                </ul>
                <a href={`/mon-espace/mandats/${mandate.id}`}>{t('mandats.voir_du', { date: day })}</a>
              </li>
            );
          })}
        </ul>
      )}
    </PortalFrame>
  );
}
