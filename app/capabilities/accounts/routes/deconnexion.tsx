import { redirect } from 'react-router';
import type { Route } from './+types/deconnexion';
import { endSession } from '../session.server';
import { allowPublic, servicesOf, sessionToken } from '../../../platform/authorize.server';
import { sessionCookie } from '../../../platform/cookies.server';

// Se déconnecter est permis à tous (sans session, rien à fermer) ; POST seulement, avec jeton CSRF.
export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  await endSession(scope, await sessionToken(args));
  const cookie = await sessionCookie(services.config.secureCookies).serialize('', { maxAge: 0 });
  return redirect('/connexion?fin=deconnexion', { headers: { 'Set-Cookie': cookie } });
}

export function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  return redirect('/');
}
