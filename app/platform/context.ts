// Contextes de requête de React Router : les services et le nonce CSP viennent du serveur,
// le jeton CSRF et la décision d'autorisation sont posés par les middlewares de root.tsx.
import { createContext } from 'react-router';
import type { RequestScope } from './request.server';
import type { Services } from './services.server';
import type { SessionState } from './session.server';
import type { ResidentIdentity } from './authorize.server';

export const servicesContext = createContext<Services>();
export const nonceContext = createContext<string>('');
export const csrfContext = createContext<string>('');

export interface AuthorizationDecision {
  decided: 'autorise' | 'refuse' | 'public' | null;
}
export const authorizationContext = createContext<AuthorizationDecision>();

/** La session lue une fois par requête, partagée entre le loader racine et celui de la page. */
export const sessionContext = createContext<Promise<SessionState | null> | null>(null);

/** La transaction de la requête, ouverte par requestTransactionMiddleware. */
export const scopeContext = createContext<RequestScope | null>(null);

/** La personne d'une session d'habitant, lue une fois par requête (portail). */
export const residentContext = createContext<Promise<ResidentIdentity | null> | null>(null);
