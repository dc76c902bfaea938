// Gabarit commun : liens d'évitement, bandeau de démonstration, en-tête au nom de la structure
// (pas de bloc Marianne : Relais sert des collectivités, pas l'État), navigation selon le rôle.
import { Form, NavLink } from 'react-router';
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
                <div className="relais-header-tools">
                  {agent && (
                    <p className="fr-text--sm fr-mb-0">
                      {agent.displayName} · {ROLE_LABELS[agent.role]}
                    </p>
                  )}
                  <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm relais-header-buttons">
                    {agent?.canSwitchStructure && (
                      <li>
                        <a className="fr-btn fr-btn--tertiary" href="/structure">
                          Changer de structure
                        </a>
                      </li>
                    )}
                    <li>
                      <Form method="post" action="/deconnexion">
                        <CsrfField />
                        <button type="submit" className="fr-btn fr-btn--tertiary">
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
        {agent && agent.navigation.length > 0 && (
          <div className="relais-nav">
            <div className="fr-container">
              <nav className="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
                <ul className="fr-nav__list">
                  {agent.navigation.map((item) => (
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
        )}
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
