// Deuxième page de la connexion par code : la personne tape les 6 chiffres reçus. Un code juste ouvre la session
// (son propre cookie) ; faux, trop vieux ou déjà servi : le même message, et 5 essais au plus.
import { data, redirect, useActionData } from 'react-router';
import type { Route } from './+types/mon-espace.code';
import { allowPublic, servicesOf } from '../../../platform/authorize.server';
import { residentCookie } from '../../../platform/cookies.server';
import { CsrfField } from '../../../ui/form';
import { clearPendingSignIn, readPendingSignIn } from '../pending-contact.server';
import { CODE_MINUTES } from '../rules';
import { checkCode } from '../sign-in.server';
import { FieldError, PortalFrame } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'code.titre');

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  const pending = await readPendingSignIn(servicesOf(args.context), args.request.headers.get('Cookie'));
  if (!pending) throw redirect('/mon-espace');
  return null;
}

type CodeError = 'vide' | 'code_invalide' | 'code_bloque';

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  const pending = await readPendingSignIn(services, args.request.headers.get('Cookie'));
  if (!pending) throw redirect('/mon-espace');
  const form = await args.request.formData();
  const code = String(form.get('code') ?? '').slice(0, 50);
  if (!code.trim()) return data({ error: 'vide' as CodeError }, { status: 400 });
  const result = await checkCode(scope, { contact: pending.contact, code, sharedComputer: pending.sharedComputer });
  if (!result.ok) return data({ error: result.error as CodeError }, { status: result.error === 'code_bloque' ? 429 : 400 });
  const headers = new Headers();
  headers.append('Set-Cookie', await residentCookie(services.config.secureCookies).serialize(result.token));
  headers.append('Set-Cookie', await clearPendingSignIn(services));
  return redirect('/mon-espace/accueil', { headers });
}

export default function PortalCode() {
  const result = useActionData<typeof action>();
  const { t } = usePortal();
  const error = result?.error;
  return (
    <PortalFrame path="/mon-espace/code" signedIn={false} help={null}>
      <h1>{t('code.titre')}</h1>
      <p>{t('code.envoye')}</p>
      <p>{t('code.ou')}</p>
      <p>{t('code.duree', { minutes: CODE_MINUTES })}</p>
      <form method="post" action="/mon-espace/code" noValidate className="portail-carte">
        <CsrfField />
        <div className="portail-champ">
          <label htmlFor="code">{t('code.champ')}</label>
          <input
            type="text"
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'code-erreur' : undefined}
          />
          <FieldError id="code-erreur" message={error && t(`code.erreurs.${error}`)} />
        </div>
        <button type="submit" className="portail-bouton">
          {t('code.entrer')}
        </button>
      </form>
      <p>
        <a href="/mon-espace">{t('code.autre')}</a>
      </p>
    </PortalFrame>
  );
}
