// Connexion d'un agent par e-mail et mot de passe. Même réponse pour un e-mail inconnu et un
// mauvais mot de passe ; verrou temporaire après des échecs répétés, connu ou non.
import { eq } from 'drizzle-orm';
import { signInThrottles, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { sha256Hex } from '../../platform/crypto.server';
import { verifyPassword } from '../../platform/password.server';
import type { RequestScope } from '../../platform/request.server';
import { afterFailure, isLocked } from './rules';
import { createSession } from './session.server';

export type SignInResult = { ok: true; token: string } | { ok: false; error: 'identifiants_invalides' | 'verrouille' };

export async function signIn(scope: RequestScope, email: string, password: string): Promise<SignInResult> {
  const { tx, now } = scope;
  const loginEmailHash = sha256Hex(email);
  await applySettings(tx, { loginEmail: email, loginEmailHash });
  const [throttle] = await tx.select().from(signInThrottles).where(eq(signInThrottles.emailHash, loginEmailHash));
  if (isLocked(throttle ?? null, now)) return { ok: false, error: 'verrouille' };
  const [user] = await tx.select().from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    const next = afterFailure(throttle ?? null, now);
    await tx
      .insert(signInThrottles)
      .values({ emailHash: loginEmailHash, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: signInThrottles.emailHash, set: { ...next, updatedAt: now } });
    return { ok: false, error: next.lockedUntil ? 'verrouille' : 'identifiants_invalides' };
  }
  if (throttle) await tx.delete(signInThrottles).where(eq(signInThrottles.emailHash, loginEmailHash));
  return { ok: true, token: await createSession(scope, user.id) };
}
