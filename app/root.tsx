import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import { useEffect, useRef } from 'react';
import type { Route } from './+types/root';
import {
  authorizationMiddleware,
  currentSession,
  pendingStep,
  requestTransactionMiddleware,
  servicesOf,
} from './platform/authorize.server';
import { csrfContext } from './platform/context';
import { csrfMiddleware } from './platform/csrf.server';
import { noStoreMiddleware } from './platform/http.server';
import { navigationFor } from './platform/policies';
import { timeZone } from './platform/time';
import { useNonce } from './ui/nonce';
import { Shell, type ShellAgent } from './ui/shell';
import appCss from './ui/app.css?url';
import portalCss from './capabilities/portal/ui/portal.css?url';
import { directionOf, languageOf } from './capabilities/portal/i18n';
import { languageCookie } from './platform/cookies.server';

/** Le portail des habitants (décision 023) : sa propre feuille, sa langue, aucun script ni gabarit d'agent. */
const isPortalPath = (pathname: string) => pathname === '/mon-espace' || pathname.startsWith('/mon-espace/');

export const middleware: Route.MiddlewareFunction[] = [
  noStoreMiddleware,
  authorizationMiddleware,
  csrfMiddleware,
  requestTransactionMiddleware,
];

const AGENT_STYLES = ['/dsfr/dsfr.min.css', '/dsfr/utility/icons/icons.min.css', appCss];

/** Données de l'en-tête : qui est connecté, dans quelle structure, quelle navigation. Aucune décision d'accès ici. */
export async function loader(args: Route.LoaderArgs) {
  const services = servicesOf(args.context);
  if (isPortalPath(new URL(args.request.url).pathname)) {
    // Rien de la session d'un agent ici : la page du portail passe la transaction sous le rôle d'un habitant.
    const language = languageOf(await languageCookie(services.config.secureCookies).parse(args.request.headers.get('Cookie')));
    return {
      demo: services.config.demo,
      csrf: args.context.get(csrfContext),
      agent: null,
      signedIn: false,
      timeZone: timeZone(),
      portal: { language },
    };
  }
  // La page d'un partage de papiers passe la transaction sous le rôle de la personne qui a partagé : aucune session
  // d'agent n'y est lue (l'organisme qui l'ouvre n'en a pas).
  const sharing = new URL(args.request.url).pathname.startsWith('/partage/');
  const session = sharing ? null : await currentSession(args).catch(() => null);
  const ready = session && !pendingStep(session) && session.active ? session : null;
  const agent: ShellAgent | null = ready?.active
    ? {
        displayName: ready.user.displayName,
        structureName: ready.active.structureName,
        role: ready.active.role,
        navigation: navigationFor(ready.active),
        canSwitchStructure: ready.memberships.length > 1,
      }
    : null;
  return {
    demo: services.config.demo,
    csrf: args.context.get(csrfContext),
    agent,
    signedIn: session !== null,
    timeZone: timeZone(),
    portal: null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<RootData>('root');
  const { pathname } = useLocation();
  if (isPortalPath(pathname)) {
    const language = languageOf(data?.portal?.language);
    return (
      <html lang={language} dir={directionOf(language)}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="format-detection" content="telephone=no" />
          <Meta />
          <link rel="stylesheet" href={portalCss} />
          <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        </head>
        <body className="portail">{children}</body>
      </html>
    );
  }
  return (
    // data-fuseau : le navigateur affiche les heures dans le fuseau où le serveur les a rendues (platform/time).
    <html lang="fr" data-fr-scheme="light" data-fuseau={data?.timeZone}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        {/* Les feuilles de style n'ont pas besoin du nonce (style-src 'self') ; le navigateur masquant sa valeur, l'omettre évite un écart à l'hydratation. */}
        {AGENT_STYLES.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <Links nonce="" />
      </head>
      <body>
        <Shell demo={data?.demo ?? false} agent={data?.agent ?? null} signedIn={data?.signedIn ?? false}>
          {children}
        </Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useDsfrScript();
  useResetFormAfterSuccess();
  return <Outlet />;
}

/**
 * Avec JavaScript, la page reste montée après un envoi réussi : sans ceci, le formulaire garderait la saisie
 * précédente (la personne d'avant, « Urgent » coché…). Un envoi réussi redirige ailleurs (`?fait=…`, une autre page) ;
 * un refus revient à l'adresse du formulaire et garde la saisie, comme sans JavaScript. Le formulaire envoyé revient
 * alors à ses valeurs par défaut, celles de la page rechargée. Pour tous les formulaires POST, une fois pour toutes.
 */
function useResetFormAfterSuccess() {
  const location = useLocation();
  const navigation = useNavigation();
  const submitted = useRef<{ form: HTMLFormElement; target: string } | null>(null);
  useEffect(() => {
    const remember = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
      const action = new URL(form.action, window.location.href);
      submitted.current = { form, target: addressOf(action.pathname, action.search) };
    };
    document.addEventListener('submit', remember, true);
    return () => document.removeEventListener('submit', remember, true);
  }, []);
  useEffect(() => {
    const pending = submitted.current;
    if (!pending || navigation.state !== 'idle') return;
    submitted.current = null;
    if (addressOf(location.pathname, location.search) !== pending.target) pending.form.reset();
  }, [location.key, location.pathname, location.search, navigation.state]);
}

/** Une adresse comparable : sans le `?index` que React Router ajoute à l'envoi vers une route index. */
function addressOf(pathname: string, search: string) {
  const params = new URLSearchParams(search);
  params.delete('index');
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

/**
 * Le JavaScript du DSFR (menus, tableaux défilants…) n'est chargé qu'après l'hydratation : il modifie le
 * DOM, ce qui ferait diverger le rendu serveur. Sans JavaScript, les pages s'en passent.
 */
function useDsfrScript() {
  useEffect(() => {
    if (document.querySelector('script[data-dsfr]')) return;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/dsfr/dsfr.module.min.js';
    script.dataset.dsfr = '';
    document.body.append(script);
  }, []);
}

const ERROR_PAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'Demande incorrecte', text: "La demande envoyée n'a pas pu être comprise." },
  403: { title: 'Accès refusé', text: "Vous n'avez pas accès à cette page." },
  404: { title: 'Page introuvable', text: "La page demandée n'existe pas ou a été déplacée." },
  413: { title: 'Envoi trop volumineux', text: 'Les données envoyées dépassent la taille autorisée.' },
  429: { title: 'Trop de tentatives', text: 'Patientez quelques minutes avant de réessayer.' },
};

export function meta({ error }: Route.MetaArgs) {
  if (!error) return [{ title: 'Relais' }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${ERROR_PAGES[status]?.title ?? 'Erreur inattendue'} — Relais` }];
}

/** Pages d'erreur en français, sans aucun détail technique. */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const page = ERROR_PAGES[status] ?? {
    title: 'Erreur inattendue',
    text: "Une erreur s'est produite de notre côté. Rien de ce que vous aviez enregistré n'est perdu ; réessayez dans un instant.",
  };
  const message =
    isRouteErrorResponse(error) && typeof error.data === 'object' && error.data && 'message' in error.data
      ? String(error.data.message)
      : null;
  return (
    <div className="fr-container fr-my-7w">
      <p className="fr-text--sm fr-mb-1w">Erreur {status}</p>
      <h1>{page.title}</h1>
      <p className="fr-text--lead">{message ?? page.text}</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a className="fr-btn" href="/">
            Revenir à l'accueil
          </a>
        </li>
      </ul>
    </div>
  );
}
