// La connexion par la carte : le QR code scanné ouvre cette page (l'identifiant aléatoire de la carte dans l'adresse) ;
// la personne tape son code secret. 5 codes faux bloquent la carte ; une carte retirée ou inconnue ne marche plus.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace.carte.$jeton';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { residentCookie } from '../../../platform/cookies.server';
import { CsrfField } from '../../../ui/form';
import { cardState, checkCard } from '../cards.server';
import { FieldError, PortalFrame, SharedComputerField } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'carte.titre');

const tokenOf = (params: Route.LoaderArgs['params']) => (params.jeton ?? '').slice(0, 100);

export async function loader(args: Route.LoaderArgs) {
  const scope = allowPublic(args);
  const token = tokenOf(args.params);
  return { state: await cardState(scope, token), path: `/mon-espace/carte/${encodeURIComponent(token)}` };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  const form = await args.request.formData();
  const sharedComputer = form.get('partage') === 'oui';
  const result = await checkCard(scope, { token: tokenOf(args.params), pin: String(form.get('pin') ?? '').slice(0, 50), sharedComputer });
  if (!result.ok)
    return data(
      { error: result.error, attemptsLeft: 'attemptsLeft' in result ? result.attemptsLeft : 0, partage: sharedComputer },
      { status: result.error === 'carte_bloquee' ? 429 : 400 },
    );
  return redirect('/mon-espace/accueil', {
    headers: { 'Set-Cookie': await residentCookie(services.config.secureCookies).serialize(result.token) },
  });
}

export default function PortalCard() {
  const { state, path } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = usePortal();
  const stopped =
    result?.error === 'carte_invalide' || result?.error === 'carte_bloquee' ? result.error : state !== 'valable' ? state : null;
  const pinError =
    result?.error === 'pin_vide'
      ? t('carte.erreurs.pin_vide')
      : result?.error === 'pin_faux'
        ? t('carte.erreurs.pin_faux', { n: result.attemptsLeft })
        : undefined;
  return (
    <PortalFrame path={path} signedIn={false} help={null}>
      <h1>{t('carte.titre')}</h1>
      {stopped ? (
        <>
          <p className="portail-alerte portail-alerte--erreur" role="alert">
            {t(`carte.erreurs.${stopped}`)}
          </p>
          <p>{t('carte.nouvelle')}</p>
          <p>
            <a href="/mon-espace">{t('carte.autre_moyen')}</a>
          </p>
        </>
      ) : (
        <form method="post" noValidate className="portail-carte">
          <CsrfField />
          <p>{t('carte.intro')}</p>
          <div className="portail-champ">
            <label htmlFor="pin">{t('carte.champ')}</label>
            <input
              type="password"
              id="pin"
              name="pin"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              required
              aria-invalid={pinError ? true : undefined}
              aria-describedby={pinError ? 'pin-erreur' : undefined}
            />
            <FieldError id="pin-erreur" message={pinError} />
          </div>
          <SharedComputerField checked={result?.partage ?? false} />
          <button type="submit" className="portail-bouton">
            {t('code.entrer')}
          </button>
        </form>
      )}
    </PortalFrame>
  );
}
