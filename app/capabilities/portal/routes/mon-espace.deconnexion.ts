// « Se déconnecter » : la session de ce navigateur se ferme, le cookie s'efface, la page de connexion le dit.
import { redirect } from 'react-router';
import type { Route } from './+types/mon-espace.deconnexion';
import { allowPublic, residentToken, servicesOf } from '../../../platform/authorize.server';
import { residentCookie } from '../../../platform/cookies.server';
import { endResidentSession } from '../sessions.server';

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  return redirect('/mon-espace');
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const token = await residentToken(args);
  if (token) await endResidentSession(scope, token);
  const cookie = await residentCookie(servicesOf(args.context).config.secureCookies).serialize('', { maxAge: 0 });
  return redirect('/mon-espace?fin=deconnexion', { headers: { 'Set-Cookie': cookie } });
}
