// Le retour de FranceConnect : l'identité rendue ouvre la session si elle est rattachée et confirmée ; sinon la page
// dit, en FALC, ce qui se passe (à confirmer par le médiateur, en attente, personne ou plusieurs personnes trouvées).
import { data, redirect, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.franceconnect.retour';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { residentCookie } from '../../../platform/cookies.server';
import {
  clearFranceConnect,
  FRANCECONNECT_CALLBACK,
  franceConnectSession,
  identityFromCallback,
  sharedComputerOf,
  signInWithIdentity,
} from '../franceconnect.server';
import { PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'franceconnect.titre');

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  if (!services.config.franceConnect) throw data({ message: 'FranceConnect n’est pas proposé ici.' }, { status: 404 });
  const cookies = args.request.headers.get('Cookie');
  // L'adresse publique du retour, telle que FranceConnect l'a appelée (derrière un proxy, la requête dit autre chose).
  const callback = new URL(`${services.config.publicUrl}${FRANCECONNECT_CALLBACK}${new URL(args.request.url).search}`);
  const identity = await identityFromCallback(services, callback, cookies);
  const headers = new Headers({ 'Set-Cookie': await clearFranceConnect(services) });
  if (!identity) return data({ problem: 'erreur' as const }, { headers });
  const outcome = await signInWithIdentity(scope, identity, await sharedComputerOf(services, cookies));
  if (!outcome.ok) return data({ problem: outcome.problem }, { headers });
  headers.append('Set-Cookie', await residentCookie(services.config.secureCookies).serialize(outcome.token));
  if (identity.idToken) headers.append('Set-Cookie', await franceConnectSession(services, identity.idToken));
  return redirect('/mon-espace/accueil', { headers });
}

export default function FranceConnectReturn() {
  const { problem } = useLoaderData<typeof loader>();
  const { t } = usePortal();
  return (
    <PortalFrame path="/mon-espace" signedIn={false} help={null}>
      <h1>{t('franceconnect.titre')}</h1>
      <p className="portail-alerte" role="status">
        {t(`franceconnect.problemes.${problem}`)}
      </p>
      <p>
        <a href="/mon-espace">{t('franceconnect.avec_un_code')}</a>
      </p>
    </PortalFrame>
  );
}
