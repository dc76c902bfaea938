// La session d'un agent, lue à chaque requête dans la transaction de la requête : elle fait de son agent
// celui des politiques RLS. Les cas d'usage de connexion (créer, choisir la structure, fermer) sont dans
// capabilities/accounts.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { memberships, sessions, structures, users } from './schema';
import { applySettings, transaction } from '../db/transaction.server';
import { sha256Hex } from './crypto.server';
import { isRole, requiresSecondFactor, type Role } from './policies';
import type { RequestScope } from './request.server';
import type { Services } from './services.server';
import { sessionExpired, shouldTouch } from './session-rules';

export interface MembershipSummary {
  structureId: string;
  structureName: string;
  structureSlug: string;
  role: Role;
}

export interface SessionState {
  sessionId: string;
  user: { id: string; email: string; displayName: string; isDemo: boolean; totpEnabled: boolean };
  memberships: MembershipSummary[];
  secondFactorRequired: boolean;
  secondFactorDone: boolean;
  active: MembershipSummary | null;
}

export async function readSession({ tx, now, services }: RequestScope, token: string | null): Promise<SessionState | null> {
  if (!token) return null;
  const sessionId = sha256Hex(token);
  await applySettings(tx, { sessionId });
  // Chaque page lit la session : le même aller-retour fait de son agent celui des politiques RLS.
  const [found] = await tx
    .select({ session: sessions, narrowed: sql`set_config('relais.user_id', ${sessions.userId}::text, true)` })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  const session = found?.session;
  if (!session) return null;
  if (sessionExpired(session, now, services.config.sessionIdleMinutes)) {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  if (shouldTouch(session, now)) await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
  // L'agent et ses structures actives en une requête.
  const rows = await tx
    .select({
      user: users,
      structureId: memberships.structureId,
      role: memberships.role,
      structureName: structures.name,
      structureSlug: structures.slug,
    })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.disabledAt)))
    .leftJoin(structures, eq(structures.id, memberships.structureId))
    .where(eq(users.id, session.userId))
    .orderBy(structures.name);
  const user = rows[0]?.user;
  if (!user) return null;
  const list = rows.flatMap(({ structureId, role, structureName, structureSlug }) =>
    structureId && structureName && structureSlug && isRole(role) ? [{ structureId, role, structureName, structureSlug }] : [],
  );
  const secondFactorRequired = requiresSecondFactor(
    list.map((m) => m.role),
    user,
    services.config.demo,
  );
  return {
    sessionId,
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      isDemo: user.isDemo,
      totpEnabled: user.totpEnabledAt !== null,
    },
    memberships: list,
    secondFactorRequired,
    secondFactorDone: !secondFactorRequired || session.secondFactorAt !== null,
    active: list.find((m) => m.structureId === session.activeStructureId) ?? null,
  };
}

/**
 * Une session est-elle toujours ouverte ? Pour les flux qui survivent à leur requête (événements de la file) : lue
 * dans sa propre transaction courte, elle ferme le flux après une déconnexion ou une expiration.
 */
export async function sessionStillOpen(services: Services, sessionId: string): Promise<boolean> {
  return transaction(services.database, { sessionId }, async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
    return session !== undefined && !sessionExpired(session, services.now(), services.config.sessionIdleMinutes);
  });
}
