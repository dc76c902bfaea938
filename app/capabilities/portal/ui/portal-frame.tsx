// Le cadre de chaque page du portail : lien d'évitement, titre, langues, « Se déconnecter », puis « Besoin d'aide ? ».
// Sans JavaScript ni feuille du DSFR (décision 023) : du HTML rendu par le serveur et une petite feuille à lui.
import { CsrfField } from '../../../ui/form';
import { useNonce } from '../../../ui/nonce';
import { residentIdleMinutes } from '../rules';
import { LANGUAGES, type Language } from '../i18n';
import type { Help } from '../resident-pages.server';
import { usePortal } from './use-portal';

interface FrameProps {
  /** La page en cours, pour y revenir après un changement de langue. */
  path: string;
  signedIn: boolean;
  sharedComputer?: boolean;
  help: Help | null;
  children: React.ReactNode;
}

export function PortalFrame({ path, signedIn, sharedComputer = false, help, children }: FrameProps) {
  const { t, language } = usePortal();
  return (
    <>
      <a className="portail-evitement" href="#contenu">
        {t('cadre.aller_au_contenu')}
      </a>
      <header className="portail-entete">
        <p className="portail-nom">
          <a href={signedIn ? '/mon-espace/accueil' : '/mon-espace'}>{t('cadre.titre')}</a>
        </p>
        <nav aria-label={t('langue.choisir')} className="portail-langues">
          <ul>
            {(Object.keys(LANGUAGES) as Language[]).map((code) => (
              <li key={code}>
                <a
                  href={`/mon-espace/langue?choix=${code}&retour=${encodeURIComponent(path)}`}
                  lang={code}
                  hrefLang={code}
                  aria-current={code === language ? 'true' : undefined}
                >
                  {LANGUAGES[code].langue.nom}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {signedIn && (
          <form method="post" action="/mon-espace/deconnexion">
            <CsrfField />
            <button type="submit" className="portail-bouton portail-bouton--second">
              {t('cadre.se_deconnecter')}
            </button>
          </form>
        )}
      </header>
      {sharedComputer && (
        <p className="portail-bandeau" role="note">
          {t('cadre.partage')}
        </p>
      )}
      {signedIn && <SessionEnd path={path} sharedComputer={sharedComputer} />}
      <main id="contenu" className="portail-contenu" tabIndex={-1}>
        {children}
      </main>
      <HelpBlock help={help} />
    </>
  );
}

/**
 * La fin de la session, dite avant (WCAG 2.2.1) : une minute avant, un message et « Rester connecté » (qui recharge la
 * page, donc prolonge la session) ; à l'échéance, la page de connexion, pour qu'un poste partagé n'affiche plus rien
 * de la personne. Le seul script du portail (quelques lignes, sous le nonce de la page). Sans JavaScript, le serveur
 * a fermé la session de toute façon : la page suivante est celle de la connexion.
 */
function SessionEnd({ path, sharedComputer }: { path: string; sharedComputer: boolean }) {
  const { t } = usePortal();
  const nonce = useNonce();
  const idleMs = residentIdleMinutes(sharedComputer) * 60_000;
  const script = `(function(){var w=document.getElementById('fin-session');setTimeout(function(){w.hidden=false;w.querySelector('a').focus()},${idleMs - 60_000});setTimeout(function(){location.assign('/mon-espace?fin=inactif')},${idleMs + 5_000})})()`;
  return (
    <>
      <div id="fin-session" className="portail-alerte portail-fin" role="alert" hidden>
        <p>{t('cadre.bientot_deconnecte')}</p>
        <a className="portail-bouton" href={path}>
          {t('cadre.rester')}
        </a>
      </div>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />
    </>
  );
}

function HelpBlock({ help }: { help: Help | null }) {
  const { t } = usePortal();
  return (
    <aside className="portail-aide" aria-labelledby="aide-titre">
      <h2 id="aide-titre">{t('aide.titre')}</h2>
      {help && help.places.length > 0 ? (
        <>
          <p>{t('aide.texte')}</p>
          <p>{help.structureName}</p>
          <ul>
            {help.places.map((place) => (
              <li key={place.name}>
                <strong>{place.name}</strong>
                <br />
                {place.address}
                {place.phone && (
                  <>
                    <br />
                    <a href={`tel:${place.phone.replace(/[^\d+]/g, '')}`}>{t('aide.telephone', { phone: place.phone })}</a>
                  </>
                )}
                {place.openNow !== null && (
                  <>
                    <br />
                    {place.openNow ? t('aide.ouvert') : t('aide.ferme')}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {help ? `${help.structureName}. ` : ''}
          {t('aide.sans_lieu')}
        </p>
      )}
    </aside>
  );
}

/** Une erreur sous un champ, reliée par aria-describedby ; lue dans la langue de la page. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="portail-erreur">
      {message}
    </p>
  );
}

/** Un champ du portail : libellé, aide sous le libellé, erreur sous le champ, reliés par aria-describedby. */
export function PortalTextField({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint: string; error?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <div className="portail-champ">
      <label htmlFor={id}>
        {label}
        <span className="portail-aide-champ" id={`${id}-aide`}>
          {hint}
        </span>
      </label>
      <input
        id={id}
        name={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
      />
      <FieldError id={`${id}-erreur`} message={error} />
    </div>
  );
}

/** « Je suis sur un ordinateur partagé » : la session durera 5 minutes sans rien faire (connexion par code ou carte). */
export function SharedComputerField({ checked, id = 'partage' }: { checked: boolean; id?: string }) {
  const { t } = usePortal();
  return (
    <div className="portail-case">
      <input type="checkbox" id={id} name="partage" value="oui" defaultChecked={checked} aria-describedby={`${id}-aide`} />
      <label htmlFor={id}>
        {t('connexion.partage')}
        <span className="portail-aide-champ" id={`${id}-aide`}>
          {t('connexion.partage_aide')}
        </span>
      </label>
    </div>
  );
}

/** Le lien de retour à l'accueil de l'espace, en tête des pages de l'espace. */
export function BackToSpace() {
  const { t } = usePortal();
  return (
    <p>
      <a href="/mon-espace/accueil">{t('cadre.retour')}</a>
    </p>
  );
}
