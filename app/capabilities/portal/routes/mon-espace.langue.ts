// Le choix de la langue du portail, par un simple lien (sans JavaScript) : gardé un an dans un cookie, puis retour à
// la page d'où vient la personne (une adresse du portail seulement).
import { redirect } from 'react-router';
import type { Route } from './+types/mon-espace.langue';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { languageCookie } from '../../../platform/cookies.server';
import { isLanguage } from '../i18n';

const portalReturn = (value: string | null) => (value && /^\/mon-espace(\/[A-Za-z0-9_-]+)*$/.test(value) ? value : '/mon-espace');

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  const params = new URL(args.request.url).searchParams;
  const back = portalReturn(params.get('retour'));
  const choice = params.get('choix');
  if (!isLanguage(choice)) return redirect(back);
  const cookie = await languageCookie(servicesOf(args.context).config.secureCookies).serialize(choice);
  return redirect(back, { headers: { 'Set-Cookie': cookie } });
}
