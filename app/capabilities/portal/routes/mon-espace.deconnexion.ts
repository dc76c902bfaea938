// « Se déconnecter » : la session de ce navigateur se ferme, le cookie s'efface, la page de connexion le dit. Entrée
// par FranceConnect, la personne passe par FranceConnect pour y fermer aussi sa session.
import { redirect } from 'react-router';
import type { Route } from './+types/mon-espace.deconnexion';
import { allowPublic, residentToken, servicesOf } from '../../../platform/authorize.server';
import { residentCookie } from '../../../platform/cookies.server';
import { clearFranceConnectSession, franceConnectLogoutUrl } from '../franceconnect.server';
import { endResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  return redirect('/mon-espace');
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  const token = await residentToken(args);
  if (token) await endResidentSession(scope, token);
  const headers = new Headers({ 'Set-Cookie': await residentCookie(services.config.secureCookies).serialize('', { maxAge: 0 }) });
  // Entrée par FranceConnect : sa session se ferme aussi, puis FranceConnect ramène à la page de connexion.
  const signedOut = `${services.config.publicUrl}/mon-espace?fin=deconnexion`;
  const franceConnect = await franceConnectLogoutUrl(services, args.request.headers.get('Cookie'), signedOut);
  if (franceConnect) headers.append('Set-Cookie', await clearFranceConnectSession(services));
  return redirect(franceConnect ?? '/mon-espace?fin=deconnexion', { headers });
}
