// Gabarit commun : liens d'évitement, bandeau de démonstration, en-tête au nom de la structure
// (pas de bloc Marianne : Relais sert des collectivités, pas l'État), navigation selon le rôle.
import { useEffect, useState } from 'react';
import { Form, NavLink, useLocation } from 'react-router';
import { ROLE_LABELS, type NavItem, type Role } from '../platform/policies';
import { CsrfField } from './form';

export interface ShellAgent {
  displayName: string;
  structureName: string;
  role: Role;
  navigation: NavItem[];
  canSwitchStructure: boolean;
}

interface ShellProps {
  demo: boolean;
  agent: ShellAgent | null;
  signedIn: boolean;
  children: React.ReactNode;
}

export function Shell({ demo, agent, signedIn, children }: ShellProps) {
  return (
    <>
      <div className="fr-skiplinks">
        <nav className="fr-container" role="navigation" aria-label="Accès rapide">
          <ul className="fr-skiplinks__list">
            <li>
              <a className="fr-link" href="#contenu">
                Contenu
              </a>
            </li>
            {agent && (
              <li>
                <a className="fr-link" href="#navigation">
                  Menu
                </a>
              </li>
            )}
            <li>
              <a className="fr-link" href="#pied-de-page">
                Pied de page
              </a>
            </li>
          </ul>
        </nav>
      </div>
      {demo && (
        <div className="fr-notice fr-notice--warning relais-demo" role="note">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">Démonstration : les personnes et les données affichées sont fictives.</p>
            </div>
          </div>
        </div>
      )}
      <header role="banner" className="fr-header">
        <div className="fr-header__body">
          <div className="fr-container">
            <div className="fr-header__body-row relais-header-row">
              <div className="fr-header__brand">
                <div className="fr-header__service">
                  <a href="/" title="Accueil — Relais">
                    <p className="fr-header__service-title">{agent?.structureName ?? 'Relais'}</p>
                  </a>
                  <p className="fr-header__service-tagline">
                    {agent ? 'Relais · accompagnement au numérique' : "L'accompagnement au numérique"}
                  </p>
                </div>
              </div>
              {signedIn && (
                // La zone des outils de l'en-tête DSFR : qui est connecté, changer de structure, se déconnecter.
                <div className="relais-header-tools">
                  <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left relais-header-buttons">
                    {agent && (
                      <li>
                        <p className="fr-text--sm fr-mb-0 fr-icon-account-circle-line relais-who">
                          {agent.displayName} · {ROLE_LABELS[agent.role]}
                        </p>
                      </li>
                    )}
                    {agent?.canSwitchStructure && (
                      <li>
                        <a className="fr-btn fr-btn--tertiary-no-outline" href="/structure">
                          Changer de structure
                        </a>
                      </li>
                    )}
                    <li>
                      <Form method="post" action="/deconnexion">
                        <CsrfField />
                        <button type="submit" className="fr-btn fr-btn--tertiary-no-outline fr-icon-logout-box-r-line">
                          Se déconnecter
                        </button>
                      </Form>
                    </li>
                  </ul>
                </div>
              )}
            </div>
          </div>
        </div>
        {agent && agent.navigation.length > 0 && <MainMenu items={agent.navigation} />}
      </header>
      <main id="contenu" role="main" tabIndex={-1} className="relais-main">
        {children}
      </main>
      <footer className="fr-footer" role="contentinfo" id="pied-de-page">
        <div className="fr-container">
          <div className="fr-footer__body">
            <div className="fr-footer__content">
              <p className="fr-footer__content-desc">
                Relais aide les services d'accompagnement au numérique à recevoir, orienter et rendre autonomes les habitants dans leurs
                démarches en ligne.
              </p>
            </div>
          </div>
          <div className="fr-footer__bottom">
            <ul className="fr-footer__bottom-list">
              <li className="fr-footer__bottom-item">
                <span className="fr-footer__bottom-link">Accessibilité : en cours d'évaluation (RGAA 4.1)</span>
              </li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}

/**
 * Le menu principal. Sans JavaScript, tous ses liens restent visibles à toutes les largeurs ; avec JavaScript, sur un
 * téléphone, il se replie derrière un bouton « Menu » (les liens ne remplissent plus le premier écran).
 */
function MainMenu({ items }: { items: NavItem[] }) {
  // Le bouton n'existe qu'après l'hydratation : le rendu du serveur (et la page sans JavaScript) n'en a pas.
  const [interactive, setInteractive] = useState(false);
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setInteractive(true), []);
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className={`relais-nav${interactive ? ' relais-nav--repliable' : ''}${open ? ' relais-nav--ouvert' : ''}`} id="navigation">
      <div className="fr-container">
        {interactive && (
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-btn--icon-left fr-icon-menu-fill relais-menu-button"
            aria-expanded={open}
            aria-controls="menu-principal"
            onClick={() => setOpen(!open)}
          >
            Menu
          </button>
        )}
        <nav className="fr-nav" id="menu-principal" role="navigation" aria-label="Menu principal">
          <ul className="fr-nav__list">
            {items.map((item) => (
              <li className="fr-nav__item" key={item.to}>
                <NavLink className="fr-nav__link" to={item.to} end>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </div>
  );
}
