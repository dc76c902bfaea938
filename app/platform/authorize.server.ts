// Le seul chemin d'autorisation : chaque loader et chaque action passe par requireAgent (ou
// allowPublic pour une page publique), qui rend le contexte de la requête (sa transaction, son heure,
// les services, l'agent) à passer aux cas d'usage. Une requête qui aboutit sans décision est refusée
// (middleware de root.tsx) : l'oubli d'une vérification échoue fermé.
import { databaseUnavailable } from './log';
import { data, redirect, type MiddlewareFunction, type RouterContextProvider } from 'react-router';
import { actAsResident, applySettings } from '../db/transaction.server';
import { authorizationContext, residentContext, scopeContext, servicesContext, sessionContext } from './context';
import { residentCookie, sessionCookie } from './cookies.server';
import { can, type Actor, type Permission, type Role } from './policies';
import { inRequestTransaction, type RequestContext, type RequestScope } from './request.server';
import type { Services } from './services.server';
import { readSession, type SessionState } from './session.server';

export interface RequestArgs {
  request: Request;
  context: Readonly<RouterContextProvider>;
}

export interface Agent extends Actor {
  sessionId: string;
  displayName: string;
  email: string;
  structureName: string;
  role: Role;
}

export const servicesOf = (context: Readonly<RouterContextProvider>) => context.get(servicesContext);

function decide(context: Readonly<RouterContextProvider>, decided: 'autorise' | 'refuse' | 'public') {
  context.get(authorizationContext).decided = decided;
}

/** La transaction et l'heure de la requête, ouvertes par requestTransactionMiddleware. */
export function scopeOf(context: Readonly<RouterContextProvider>): RequestScope {
  const scope = context.get(scopeContext);
  if (!scope) throw new Error('Requête sans transaction : requestTransactionMiddleware manque à la racine.');
  return scope;
}

/** Page accessible sans session (connexion, mot de passe oublié…) : une décision explicite. */
export function allowPublic(args: RequestArgs): RequestScope {
  decide(args.context, 'public');
  return scopeOf(args.context);
}

export async function sessionToken({ request, context }: RequestArgs) {
  const value = await sessionCookie(servicesOf(context).config.secureCookies).parse(request.headers.get('Cookie'));
  return typeof value === 'string' ? value : null;
}

/** La session, même incomplète (second facteur ou structure à choisir) ; pour l'en-tête et le parcours de connexion. */
export function currentSession(args: RequestArgs): Promise<SessionState | null> {
  // Après une action, les loaders doivent relire la session (nom de structure, structure active changés).
  const scope = scopeOf(args.context);
  if (args.request.method !== 'GET' && args.request.method !== 'HEAD') return sessionToken(args).then((token) => readSession(scope, token));
  let pending = args.context.get(sessionContext);
  if (!pending) {
    pending = sessionToken(args).then((token) => readSession(scope, token));
    args.context.set(sessionContext, pending);
  }
  return pending;
}

/** Où doit aller une session incomplète ; null si elle est prête. */
export function pendingStep(state: SessionState): string | null {
  if (!state.secondFactorDone) return state.user.totpEnabled ? '/connexion/code' : '/compte/double-authentification';
  if (!state.active) return '/structure';
  return null;
}

/** Exige un agent connecté (second facteur fait, structure active) qui a la permission demandée. */
export async function requireAgent(args: RequestArgs, permission: Permission): Promise<RequestContext<Agent>> {
  const state = await currentSession(args);
  if (!state) {
    decide(args.context, 'refuse');
    const url = new URL(args.request.url);
    const back = url.pathname + url.search;
    throw redirect(back === '/' ? '/connexion' : `/connexion?retour=${encodeURIComponent(back)}`);
  }
  const step = pendingStep(state);
  if (step || !state.active) {
    decide(args.context, 'refuse');
    throw redirect(step ?? '/structure');
  }
  const agent: Agent = {
    userId: state.user.id,
    structureId: state.active.structureId,
    role: state.active.role,
    sessionId: state.sessionId,
    displayName: state.user.displayName,
    email: state.user.email,
    structureName: state.active.structureName,
  };
  if (!can(agent, permission)) {
    decide(args.context, 'refuse');
    throw data({ message: 'Votre rôle ne donne pas accès à cette page.' }, { status: 403 });
  }
  decide(args.context, 'autorise');
  const scope = scopeOf(args.context);
  // La lecture de la session a posé l'agent et sa session ; les politiques RLS lisent aussi sa structure active.
  await applySettings(scope.tx, { structureId: agent.structureId });
  return { ...scope, actor: agent };
}

/** Étape du parcours de connexion : une session existe (même incomplète). */
export async function requireSessionInProgress(args: RequestArgs): Promise<RequestScope & { session: SessionState }> {
  const state = await currentSession(args);
  decide(args.context, state ? 'autorise' : 'refuse');
  if (!state) throw redirect('/connexion');
  return { ...scopeOf(args.context), session: state };
}

/** La personne connectée à son espace (portail des habitants, décision 023). */
export interface ResidentIdentity {
  structureId: string;
  personId: string;
  spaceId: string;
  sessionId: string;
  sharedComputer: boolean;
}

/** Lit la session d'un habitant depuis son jeton (capabilities/portal) ; null si elle ne vaut plus. */
export type ResidentReader = (scope: RequestScope, token: string) => Promise<ResidentIdentity | null>;

export async function residentToken({ request, context }: RequestArgs) {
  const value = await residentCookie(servicesOf(context).config.secureCookies).parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/**
 * La session d'un habitant, lue une fois par requête : la lire pose ses réglages (structure, personne) puis passe la
 * transaction sous le rôle relais_resident, qui ne lit que les lignes de cette personne. Aucune requête d'agent ne
 * se fait ensuite dans cette transaction.
 */
export function currentResident(args: RequestArgs, read: ResidentReader): Promise<ResidentIdentity | null> {
  let pending = args.context.get(residentContext);
  if (!pending) {
    const scope = scopeOf(args.context);
    pending = residentToken(args).then(async (token) => {
      const resident = token ? await read(scope, token) : null;
      if (resident) await actAsResident(scope.tx);
      return resident;
    });
    args.context.set(residentContext, pending);
  }
  return pending;
}

/** Exige un habitant connecté à son espace ; sinon, la page de connexion du portail (qui dit pourquoi). */
export async function requireResident(args: RequestArgs, read: ResidentReader): Promise<RequestScope & { resident: ResidentIdentity }> {
  const hadToken = (await residentToken(args)) !== null;
  const resident = await currentResident(args, read);
  if (!resident) {
    decide(args.context, 'refuse');
    throw redirect(hadToken ? '/mon-espace?fin=inactif' : '/mon-espace');
  }
  decide(args.context, 'autorise');
  return { ...scopeOf(args.context), resident };
}

/** Ouvre la transaction de la requête (après le contrôle CSRF) et la rend aux loaders et aux actions. */
export const requestTransactionMiddleware: MiddlewareFunction<Response> = async ({ context }, next) => {
  const services = servicesOf(context);
  try {
    return await inRequestTransaction(services.database, async (tx) => {
      context.set(scopeContext, { tx, now: services.now(), services });
      return next();
    });
  } catch (error) {
    // La base ne répond pas (réseau, redémarrage) : rien n'a été écrit, la page le dit et l'agent réessaie ; le
    // service reprend de lui-même quand la base revient (le pool rouvre ses connexions).
    if (databaseUnavailable(error))
      throw data(
        {
          message:
            'Relais est momentanément indisponible : la base de données ne répond pas. Rien n’a été enregistré ; réessayez dans un instant.',
        },
        { status: 503 },
      );
    throw error;
  }
};

export const MISSING_DECISION = "Requête terminée sans décision d'autorisation";

/** Échoue fermé : une réponse réussie sans décision explicite devient un refus (et une erreur visible). */
export const authorizationMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const decision = { decided: null } as { decided: 'autorise' | 'refuse' | 'public' | null };
  context.set(authorizationContext, decision);
  const response = await next();
  return enforceDecision(decision.decided, response, new URL(request.url).pathname);
};

export function enforceDecision(decided: string | null, response: Response, path: string): Response {
  if (decided !== null || response.status >= 400) return response;
  console.error(`${MISSING_DECISION} : ${path}`);
  return new Response('Accès refusé : cette page ne déclare pas qui peut la voir.', {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export type { Services };
