// Appeler un cas d'usage depuis un test comme le fait une requête : sa propre transaction, aux réglages de
// l'acteur (RLS comprise), et l'heure de l'horloge des services.
import { runAs, runScoped, type RequestContext, type RequestScope } from '../app/platform/request.server';
import type { Actor } from '../app/platform/policies';
import type { Services } from '../app/platform/services.server';
import type { ResidentIdentity } from '../app/platform/authorize.server';
import { actAsResident, applySettings } from '../app/db/transaction.server';

/** `call(services, alpha, logSolicitation, subject, input)` : le cas d'usage fait par cet acteur. */
export function call<A extends Actor, Args extends unknown[], R>(
  services: Services,
  actor: A,
  useCase: (ctx: RequestContext<A>, ...args: Args) => Promise<R>,
  ...args: Args
): Promise<R> {
  return runAs(services, actor, (ctx) => useCase(ctx, ...args));
}

/** Un cas d'usage sans agent connu (connexion, lien signé, données ouvertes). */
export function callScoped<Args extends unknown[], R>(
  services: Services,
  useCase: (scope: RequestScope, ...args: Args) => Promise<R>,
  ...args: Args
): Promise<R> {
  return runScoped(services, (scope) => useCase(scope, ...args));
}

/** Un cas d'usage du portail fait par un habitant : réglages de sa personne, sous le rôle relais_resident. */
export function callAsResident<Args extends unknown[], R>(
  services: Services,
  resident: ResidentIdentity,
  useCase: (scope: RequestScope & { resident: ResidentIdentity }, ...args: Args) => Promise<R>,
  ...args: Args
): Promise<R> {
  return runScoped(services, async (scope) => {
    await applySettings(scope.tx, { structureId: resident.structureId, personId: resident.personId });
    await actAsResident(scope.tx);
    return useCase({ ...scope, resident }, ...args);
  });
}

/** L'identité d'un habitant connecté, pour appeler un cas d'usage du portail sans passer par une session. */
export const residentIdentity = (structureId: string, personId: string): ResidentIdentity => ({
  structureId,
  personId,
  spaceId: personId,
  sessionId: personId,
  sharedComputer: false,
});
