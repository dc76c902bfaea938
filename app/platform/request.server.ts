// Une requête, une transaction (docs/architecture.md, décision 012). Le middleware de la racine l'ouvre avant les
// loaders et les actions et la valide quand la réponse est prête ; une réponse 5xx (exception) l'annule.
// Les cas d'usage reçoivent le contexte de la requête et n'ouvrent jamais la leur.
import type { Database, Tx } from '../db/database.server';
import { transaction } from '../db/transaction.server';
import type { Actor } from './policies';
import type { Services } from './services.server';

/** Ce que reçoit tout cas d'usage : la transaction de la requête, son heure, les services. */
export interface RequestScope {
  tx: Tx;
  /** L'heure de la requête : la même pour tout ce qu'elle écrit. */
  now: Date;
  services: Services;
}

/** Le contexte d'un cas d'usage fait par un agent connu. */
export interface RequestContext<A extends Actor = Actor> extends RequestScope {
  actor: A;
}

class RolledBack {
  constructor(readonly response: Response) {}
}

/**
 * Exécute le traitement d'une requête dans une transaction : validée si la réponse est une réussite, une
 * redirection ou un refus (4xx, qui peut avoir écrit un échec de connexion), annulée sur 5xx ou exception.
 */
export async function inRequestTransaction(database: Database, handle: (tx: Tx) => Promise<Response>): Promise<Response> {
  try {
    return await transaction(database, {}, async (tx) => {
      const response = await handle(tx);
      if (response.status >= 500) throw new RolledBack(response);
      return response;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.response;
    throw error;
  }
}

/**
 * Un cas d'usage hors d'une requête HTTP (tests, CLI) : sa propre transaction, aux réglages de l'acteur,
 * exactement comme la transaction d'une requête.
 */
export function runAs<A extends Actor, T>(services: Services, actor: A, work: (ctx: RequestContext<A>) => Promise<T>) {
  return transaction(services.database, { structureId: actor.structureId, userId: actor.userId }, (tx) =>
    work({ tx, now: services.now(), services, actor }),
  );
}

/** Même chose sans acteur (parcours de connexion, lien signé…). */
export function runScoped<T>(services: Services, work: (scope: RequestScope) => Promise<T>) {
  return transaction(services.database, {}, (tx) => work({ tx, now: services.now(), services }));
}
