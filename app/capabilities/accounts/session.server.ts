// Sessions d'agents : stockées en base (empreinte du jeton), expiration d'inactivité et absolue.
// La lecture d'une session à chaque requête est dans platform/session.server.ts.
import { eq } from 'drizzle-orm';
import { sessions } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import type { RequestScope } from '../../platform/request.server';
import type { SessionState } from '../../platform/session.server';

/** Crée la session d'un utilisateur dont le mot de passe vient d'être vérifié ; renvoie le jeton du cookie. */
export async function createSession({ tx, now, services }: RequestScope, userId: string) {
  const token = randomToken();
  await applySettings(tx, { userId });
  await tx.insert(sessions).values({
    id: sha256Hex(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + services.config.sessionAbsoluteHours * 3600_000),
  });
  return token;
}

/** Active une des structures de l'agent (il en choisit une s'il en a plusieurs). */
export async function chooseStructure({ tx }: RequestScope, state: SessionState, structureId: string) {
  const membership = state.memberships.find((m) => m.structureId === structureId);
  if (!membership) return { ok: false as const, error: 'structure_inconnue' as const };
  await applySettings(tx, { sessionId: state.sessionId, userId: state.user.id, structureId });
  await tx.update(sessions).set({ activeStructureId: structureId }).where(eq(sessions.id, state.sessionId));
  await recordAudit(tx, { structureId, userId: state.user.id }, 'session.ouverte');
  return { ok: true as const, membership };
}

export async function endSession({ tx }: RequestScope, token: string | null) {
  if (!token) return;
  const sessionId = sha256Hex(token);
  await applySettings(tx, { sessionId });
  const [session] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning();
  if (!session?.activeStructureId) return;
  const actor = { structureId: session.activeStructureId, userId: session.userId };
  await applySettings(tx, actor);
  await recordAudit(tx, actor, 'session.fermee');
}
