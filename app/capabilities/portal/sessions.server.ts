// La session d'un habitant : un jeton aléatoire dans son propre cookie, dont seule l'empreinte est en base. Lue à chaque
// page du portail (platform/authorize.server.ts, requireResident) ; un espace fermé n'a plus de session valable.
import { and, eq, isNull } from 'drizzle-orm';
import { applySettings } from '../../db/transaction.server';
import type { ResidentIdentity } from '../../platform/authorize.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import type { RequestScope } from '../../platform/request.server';
import { RESIDENT_SESSION_HOURS, residentSessionExpired } from './rules';
import { residentSessions, residentSpaces } from './schema';

export async function createResidentSession(
  { tx, now }: RequestScope,
  space: { structureId: string; spaceId: string; personId: string },
  sharedComputer: boolean,
) {
  const token = randomToken();
  await applySettings(tx, { structureId: space.structureId });
  await tx.insert(residentSessions).values({
    structureId: space.structureId,
    tokenHash: sha256Hex(token),
    spaceId: space.spaceId,
    personId: space.personId,
    sharedComputer,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + RESIDENT_SESSION_HOURS * 3600_000),
  });
  await applySettings(tx, { structureId: null });
  return token;
}

/** La personne de la session, ou null (jeton inconnu, session expirée, espace fermé). Pose ses réglages RLS. */
export async function readResidentSession({ tx, now }: RequestScope, token: string): Promise<ResidentIdentity | null> {
  const tokenHash = sha256Hex(token);
  await applySettings(tx, { residentSession: tokenHash });
  const [session] = await tx.select().from(residentSessions).where(eq(residentSessions.tokenHash, tokenHash));
  if (!session) return null;
  const end = () => tx.delete(residentSessions).where(eq(residentSessions.tokenHash, tokenHash));
  if (residentSessionExpired(session, now)) {
    await end();
    return null;
  }
  await applySettings(tx, { structureId: session.structureId, personId: session.personId });
  const [space] = await tx
    .select({ id: residentSpaces.id })
    .from(residentSpaces)
    .where(
      and(eq(residentSpaces.structureId, session.structureId), eq(residentSpaces.id, session.spaceId), isNull(residentSpaces.closedAt)),
    );
  if (!space) {
    await end();
    return null;
  }
  // Une écriture par minute au plus : l'inactivité se compte à la minute près.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000)
    await tx.update(residentSessions).set({ lastSeenAt: now }).where(eq(residentSessions.tokenHash, tokenHash));
  return {
    structureId: session.structureId,
    personId: session.personId,
    spaceId: session.spaceId,
    sessionId: session.id,
    sharedComputer: session.sharedComputer,
  };
}

/** Ferme la session de ce jeton (« Se déconnecter ») ; rien si elle n'existe plus. */
export async function endResidentSession({ tx }: RequestScope, token: string) {
  const tokenHash = sha256Hex(token);
  await applySettings(tx, { residentSession: tokenHash });
  await tx.delete(residentSessions).where(eq(residentSessions.tokenHash, tokenHash));
}
