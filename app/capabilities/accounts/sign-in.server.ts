// Connexion d'un agent par e-mail et mot de passe. Même réponse pour un e-mail inconnu et un
// mauvais mot de passe ; verrou temporaire après des échecs répétés, connu ou non.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { signInThrottles, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { sha256Hex } from '../../platform/crypto.server';
import { verifyPassword } from '../../platform/password.server';
import type { RequestScope } from '../../platform/request.server';
import { accountWait, afterFailure, isLocked, WHOLE_ACCOUNT } from './rules';
import { createSession } from './session.server';

export type SignInResult = { ok: true; token: string } | { ok: false; error: 'identifiants_invalides' | 'verrouille' };

/**
 * Connexion : le mot de passe n'est même pas vérifié tant que cette adresse est bloquée pour cet e-mail (5 échecs,
 * 15 minutes) ou que le compte impose son délai (échecs de toutes adresses, délai croissant).
 */
export async function signIn(scope: RequestScope, email: string, password: string, clientIp = ''): Promise<SignInResult> {
  const { tx, now } = scope;
  const loginEmailHash = sha256Hex(email);
  const ipHash = clientIp ? sha256Hex(clientIp) : '';
  await applySettings(tx, { loginEmail: email, loginEmailHash });
  const rows = await tx.select().from(signInThrottles).where(eq(signInThrottles.emailHash, loginEmailHash));
  const fromHere = rows.find((r) => r.ipHash === ipHash) ?? null;
  const account = rows.find((r) => r.ipHash === WHOLE_ACCOUNT) ?? null;
  if (isLocked(fromHere, now) || accountWait(account, now) > 0) return { ok: false, error: 'verrouille' };
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    const next = afterFailure(fromHere, now);
    const total = { failures: (account?.failures ?? 0) + 1, lockedUntil: null, updatedAt: now };
    await tx
      .insert(signInThrottles)
      .values([
        { emailHash: loginEmailHash, ipHash, ...next, updatedAt: now },
        { emailHash: loginEmailHash, ipHash: WHOLE_ACCOUNT, ...total },
      ])
      .onConflictDoUpdate({
        target: [signInThrottles.emailHash, signInThrottles.ipHash],
        set: { failures: sql`excluded.failures`, lockedUntil: sql`excluded.locked_until`, updatedAt: sql`excluded.updated_at` },
      });
    return { ok: false, error: next.lockedUntil ? 'verrouille' : 'identifiants_invalides' };
  }
  // Le compte repart de zéro, et cette adresse ; une autre adresse bloquée le reste.
  if (rows.length > 0)
    await tx
      .delete(signInThrottles)
      .where(and(eq(signInThrottles.emailHash, loginEmailHash), inArray(signInThrottles.ipHash, [ipHash, WHOLE_ACCOUNT])));
  return { ok: true, token: await createSession(scope, user.id) };
}
