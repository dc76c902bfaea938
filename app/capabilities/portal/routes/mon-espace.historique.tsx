// « Ce que nous avons fait ensemble » : les visites et appels de la personne, en mots simples ; jamais les notes.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.historique';
import { requireResident } from '../../../platform/authorize.server';
import { formatDateTime } from '../i18n';
import { helpOf, residentHistory } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { BackToSpace, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';
import type { PortalKey } from '../i18n';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'historique.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return { visits: await residentHistory(scope), help: await helpOf(scope), sharedComputer: scope.resident.sharedComputer };
}

export default function PortalHistory() {
  const { visits, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t, language, timeZone } = usePortal();
  return (
    <PortalFrame path="/mon-espace/historique" signedIn sharedComputer={sharedComputer} help={help}>
      <BackToSpace />
      <h1>{t('historique.titre')}</h1>
      {visits.length === 0 ? (
        <p>{t('historique.vide')}</p>
      ) : (
        <>
          <p>{t('historique.intro')}</p>
          <ul className="portail-liste">
            {visits.map((item) => (
              <li key={item.id} className="portail-carte">
                <h2>{t('historique.le', { date: formatDateTime(language, new Date(item.at), timeZone) })}</h2>
                {item.kind === 'orientation' && <p>{t('historique.orientation', { place: item.place })}</p>}
                {item.kind === 'diagnostic' && <p>{t('historique.diagnostic')}</p>}
                {item.kind === 'atelier' && <p>{t('historique.atelier', { title: item.title })}</p>}
                {item.kind === 'visite' && (
                  <>
                    <p>{t(`historique.canal.${item.channel}` as PortalKey)}</p>
                    {item.organisations.length > 0 && (
                      <p>
                        {t('historique.pour')}{' '}
                        {item.organisations.map((organisation) => t(`organismes.${organisation}` as PortalKey)).join(' · ')}
                      </p>
                    )}
                    <p>{t(`historique.mode.${item.mode}` as PortalKey)}</p>
                    <p>{t(`historique.resultat.${item.outcome}` as PortalKey)}</p>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </PortalFrame>
  );
}
