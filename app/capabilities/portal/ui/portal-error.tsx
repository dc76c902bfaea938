// La page d'erreur du portail, dans son cadre et sa langue : une adresse qui n'existe pas ou qui n'est pas à la
// personne (404, le même message : rien ne dit si elle existe pour quelqu'un d'autre), ou une erreur de Relais.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PortalFrame } from './portal-frame';
import { usePortal } from './use-portal';

export function PortalError() {
  const error = useRouteError();
  const { t } = usePortal();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <PortalFrame path="/mon-espace/accueil" signedIn={false} help={null}>
      <h1>{missing ? t('erreur.titre') : t('erreur.titre_autre')}</h1>
      <p>{missing ? t('erreur.texte') : t('erreur.autre')}</p>
      <p>
        <a href="/mon-espace/accueil">{t('cadre.retour')}</a>
      </p>
    </PortalFrame>
  );
}
