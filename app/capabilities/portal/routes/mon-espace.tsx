// Le portail des habitants, première page : la langue, puis la demande d'un code (SMS ou e-mail). Même réponse que le
// contact soit connu ou non ; le contact tapé attend la page suivante dans un cookie chiffré.
import { data, redirect, useActionData, useLoaderData } from 'react-router';
import type { Route } from './+types/mon-espace';
import { allowPublic, currentResident, servicesOf } from '../../../platform/authorize.server';
import { languageCookie } from '../../../platform/cookies.server';
import { CLIENT_IP_HEADER } from '../../../platform/log';
import { CsrfField } from '../../../ui/form';
import { languageOf } from '../i18n';
import { pendingSignInCookie } from '../pending-contact.server';
import { readResidentSession } from '../sessions.server';
import { requestCode } from '../sign-in.server';
import { FieldError, PortalFrame, SharedComputerField } from '../ui/portal-frame';
import { portalTitle } from '../ui/portal-title';
import { usePortal } from '../ui/use-portal';

export const meta: Route.MetaFunction = ({ matches }) => portalTitle(matches, 'connexion.titre');

export async function loader(args: Route.LoaderArgs) {
  allowPublic(args);
  if (await currentResident(args, readResidentSession)) throw redirect('/mon-espace/accueil');
  const end = new URL(args.request.url).searchParams.get('fin');
  return {
    end: end === 'inactif' || end === 'deconnexion' ? (end as 'inactif' | 'deconnexion') : null,
    franceConnect: servicesOf(args.context).config.franceConnect !== null,
  };
}

export async function action(args: Route.ActionArgs) {
  const scope = allowPublic(args);
  const services = servicesOf(args.context);
  const form = await args.request.formData();
  const contact = String(form.get('contact') ?? '').slice(0, 300);
  const sharedComputer = form.get('partage') === 'oui';
  const language = languageOf(await languageCookie(services.config.secureCookies).parse(args.request.headers.get('Cookie')));
  const result = await requestCode(scope, contact, args.request.headers.get(CLIENT_IP_HEADER) ?? '', language);
  if (result !== 'envoye')
    return data(
      { errors: { contact: result }, values: { contact, partage: sharedComputer ? 'oui' : '' } },
      { status: result === 'trop_de_demandes' ? 429 : 400 },
    );
  return redirect('/mon-espace/code', { headers: { 'Set-Cookie': await pendingSignInCookie(services, { contact, sharedComputer }) } });
}

export default function PortalSignIn() {
  const { end, franceConnect } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = usePortal();
  const error = result?.errors.contact as 'contact_invalide' | 'trop_de_demandes' | undefined;
  return (
    <PortalFrame path="/mon-espace" signedIn={false} help={null}>
      <h1>{t('connexion.titre')}</h1>
      {end && (
        <p className="portail-alerte" role="status">
          {t(`connexion.fin.${end}`)}
        </p>
      )}
      <p>{t('connexion.intro')}</p>
      <p>{t('connexion.sans_mot_de_passe')}</p>
      <p>{t('connexion.comment')}</p>
      <form method="post" action="/mon-espace" noValidate className="portail-carte">
        <CsrfField />
        <div className="portail-champ">
          <label htmlFor="contact">
            {t('connexion.contact')}
            <span className="portail-aide-champ" id="contact-aide">
              {t('connexion.contact_aide')}
            </span>
          </label>
          <input
            type="text"
            id="contact"
            name="contact"
            autoComplete="off"
            required
            defaultValue={result?.values.contact ?? ''}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'contact-aide contact-erreur' : 'contact-aide'}
          />
          <FieldError id="contact-erreur" message={error && t(`connexion.erreurs.${error}`)} />
        </div>
        <SharedComputerField checked={result?.values.partage === 'oui'} />
        <button type="submit" className="portail-bouton">
          {t('connexion.envoyer')}
        </button>
      </form>
      {franceConnect && (
        <section aria-labelledby="franceconnect" className="portail-carte">
          <h2 id="franceconnect">{t('franceconnect.titre')}</h2>
          <p>{t('franceconnect.intro')}</p>
          <form method="get" action="/mon-espace/franceconnect">
            <SharedComputerField checked={false} id="partage-fc" />
            <button type="submit" className="portail-bouton">
              {t('franceconnect.bouton')}
            </button>
          </form>
          <p>
            <a href="https://franceconnect.gouv.fr/" rel="noopener" hrefLang="fr">
              {t('franceconnect.quoi')}
            </a>
          </p>
        </section>
      )}
      <p>{t('connexion.pas_d_espace')}</p>
    </PortalFrame>
  );
}
