// L'accueil de l'espace : bonjour, la structure qui suit la personne, et les pages de son espace.
import { useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.accueil';
import { requireResident } from '../../../platform/authorize.server';
import { helpOf, residentFirstName } from '../resident-pages.server';
import { readResidentSession } from '../sessions.server';
import { PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'cadre.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = await requireResident(args, readResidentSession);
  return {
    firstName: await residentFirstName(scope),
    help: await helpOf(scope),
    sharedComputer: scope.resident.sharedComputer,
  };
}

export default function PortalHome() {
  const { firstName, help, sharedComputer } = useLoaderData<typeof loader>();
  const { t } = usePortal();
  return (
    <PortalFrame path="/mon-espace/accueil" signedIn sharedComputer={sharedComputer} help={help}>
      <h1>{t('accueil.titre', { name: firstName })}</h1>
      <p>{t('accueil.intro')}</p>
      <p>{t('accueil.structure', { structure: help.structureName })}</p>
      <ul className="portail-liste portail-menu">
        <li className="portail-carte">
          <a href="/mon-espace/aide">{t('accueil.trouver')}</a>
          <p>{t('accueil.trouver_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/historique">{t('accueil.historique')}</a>
          <p>{t('accueil.historique_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/parcours">{t('accueil.parcours')}</a>
          <p>{t('accueil.parcours_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/faire-le-point">{t('accueil.point')}</a>
          <p>{t('accueil.point_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/papiers">{t('accueil.papiers')}</a>
          <p>{t('accueil.papiers_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/mandats">{t('accueil.mandats')}</a>
          <p>{t('accueil.mandats_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/rendez-vous">{t('accueil.rendez_vous')}</a>
          <p>{t('accueil.rendez_vous_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/ateliers">{t('accueil.ateliers')}</a>
          <p>{t('accueil.ateliers_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/orientations">{t('accueil.orientations')}</a>
          <p>{t('accueil.orientations_aide')}</p>
        </li>
        <li className="portail-carte">
          <a href="/mon-espace/mes-donnees">{t('accueil.donnees')}</a>
          <p>{t('accueil.donnees_aide')}</p>
        </li>
      </ul>
    </PortalFrame>
  );
}
