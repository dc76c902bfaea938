// Le départ vers FranceConnect (bouton de la page de connexion) : l'état, le nonce et le vérificateur PKCE partent
// dans un cookie chiffré, la personne vers FranceConnect. Sans FranceConnect configuré, la page n'existe pas.
import { data, redirect } from 'react-router';
import type { Route } from './+types/mon-espace.franceconnect';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { startFranceConnect } from '../franceconnect.server';

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  const services = servicesOf(args.context);
  if (!services.config.franceConnect) throw data({ message: 'FranceConnect n’est pas proposé ici.' }, { status: 404 });
  const sharedComputer = new URL(args.request.url).searchParams.get('partage') === 'oui';
  try {
    const { url, cookie } = await startFranceConnect(services, sharedComputer);
    return redirect(url, { headers: { 'Set-Cookie': cookie } });
  } catch {
    // FranceConnect injoignable : la personne revient à la page de retour, qui le dit et propose le code.
    return redirect('/mon-espace/franceconnect/retour?erreur=indisponible');
  }
}
