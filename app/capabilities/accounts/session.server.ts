// Sessions d'agents : stockées en base (empreinte du jeton), expiration d'inactivité et absolue.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { memberships, sessions, structures, users } from '../../db/schema';
import { narrowTo, transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { isRole, requiresSecondFactor, type Role } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import { sessionExpired, shouldTouch } from './rules';

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

/** Crée la session d'un utilisateur dont le mot de passe vient d'être vérifié ; renvoie le jeton du cookie. */
export async function createSession(tx: Tx, services: Services, userId: string) {
  const token = randomToken();
  const now = services.now();
  await narrowTo(tx, { userId });
  await tx.insert(sessions).values({
    id: sha256Hex(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + services.config.sessionAbsoluteHours * 3600_000),
  });
  return token;
}

export async function readSession(services: Services, token: string | null): Promise<SessionState | null> {
  if (!token) return null;
  const sessionId = sha256Hex(token);
  return transaction(services.database, { sessionId }, async (tx) => {
    // Chaque page lit la session : le même aller-retour fait de son agent celui des politiques RLS.
    const [found] = await tx
      .select({ session: sessions, narrowed: sql`set_config('relais.user_id', ${sessions.userId}::text, true)` })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    const session = found?.session;
    if (!session) return null;
    const now = services.now();
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
  });
}

/** Active une des structures de l'agent (il en choisit une s'il en a plusieurs). */
export async function chooseStructure(services: Services, state: SessionState, structureId: string) {
  const membership = state.memberships.find((m) => m.structureId === structureId);
  if (!membership) return { ok: false as const, error: 'structure_inconnue' as const };
  await transaction(services.database, { sessionId: state.sessionId, userId: state.user.id, structureId }, async (tx) => {
    await tx.update(sessions).set({ activeStructureId: structureId }).where(eq(sessions.id, state.sessionId));
    await recordAudit(tx, { structureId, userId: state.user.id }, 'session.ouverte');
  });
  return { ok: true as const, membership };
}

export async function endSession(services: Services, token: string | null) {
  if (!token) return;
  const sessionId = sha256Hex(token);
  await transaction(services.database, { sessionId }, async (tx) => {
    const [session] = await tx.delete(sessions).where(eq(sessions.id, sessionId)).returning();
    if (!session?.activeStructureId) return;
    const actor = { structureId: session.activeStructureId, userId: session.userId };
    await narrowTo(tx, actor);
    await recordAudit(tx, actor, 'session.fermee');
  });
}
