// Mot de passe oublié et invitation : un lien à usage unique envoyé par e-mail.
import { and, eq, gt, isNull, lte, not, or, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { passwordResetRequests, sessions, users } from '../../platform/schema';
import { applySettings, transaction } from '../../db/transaction.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { hashPassword } from '../../platform/password.server';
import type { RequestScope } from '../../platform/request.server';
import type { Services } from '../../platform/services.server';
import { recordAccountEvent } from './account-audit.server';
import { RESET_EMAIL_INTERVAL_MINUTES, RESET_TOKEN_HOURS } from './rules';

export const resetLink = (services: Services, token: string) =>
  `${services.config.publicUrl}/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`;

/**
 * Dépose la demande, toujours la même ligne, que le compte existe ou non : même réponse, même temps, et une panne
 * d'envoi ne se voit pas ici. Le worker envoie le lien (deliverPasswordResets).
 */
export async function requestPasswordReset({ tx, now }: RequestScope, email: string) {
  await tx.insert(passwordResetRequests).values({ email, requestedAt: now });
}

/**
 * Le worker : pour chaque adresse demandée, crée un lien à usage unique et l'envoie si le compte existe. Chaque
 * adresse dans sa transaction : un envoi qui échoue annule le lien et garde la demande pour le tour suivant (le
 * ménage l'efface après une heure).
 */
export async function deliverPasswordResets(services: Services, limit = 20) {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await transaction(services.database, {}, async (tx) => {
      const [row] = await sqlRows<{ email: string | null }>(tx, sql`select relais_take_reset_request() as email`);
      if (!row?.email) return 'fini';
      return (await sendResetLink(tx, services, row.email)) ? 'envoye' : 'aucun_compte';
    }).catch(() => 'echec' as const);
    if (outcome === 'fini' || outcome === 'echec') break;
    if (outcome === 'envoye') sent++;
  }
  return sent;
}

async function sendResetLink(tx: Tx, services: Services, email: string) {
  const token = randomToken();
  const now = services.now();
  await applySettings(tx, { loginEmail: email });
  const expiresAt = new Date(now.getTime() + RESET_TOKEN_HOURS * 3600_000);
  // Au plus un lien toutes les 10 minutes par compte (le précédent vaut encore) : pas de rafale d'e-mails vers un agent.
  const recentlySent = and(
    gt(users.resetExpiresAt, new Date(expiresAt.getTime() - RESET_EMAIL_INTERVAL_MINUTES * 60_000)),
    lte(users.resetExpiresAt, expiresAt),
  );
  const [user] = await tx
    .update(users)
    .set({ resetTokenHash: sha256Hex(token), resetExpiresAt: expiresAt })
    .where(and(eq(users.email, email), or(isNull(users.resetExpiresAt), not(recentlySent!))))
    .returning({ id: users.id });
  if (!user) return false;
  await services.mail({
    to: email,
    subject: 'Relais — choisir un nouveau mot de passe',
    text: [
      'Bonjour,',
      '',
      'Une demande de nouveau mot de passe a été faite pour votre compte Relais.',
      `Ouvrez ce lien dans l'heure pour le choisir : ${resetLink(services, token)}`,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
    ].join('\n'),
  });
  return true;
}

export async function findResetAccount({ tx, now }: RequestScope, token: string) {
  const resetTokenHash = sha256Hex(token);
  await applySettings(tx, { resetTokenHash });
  const [user] = await tx.select().from(users).where(eq(users.resetTokenHash, resetTokenHash));
  if (!user?.resetExpiresAt || user.resetExpiresAt <= now) return null;
  return { email: user.email, displayName: user.displayName };
}

/** Enregistre le nouveau mot de passe, consomme le jeton et ferme les sessions ouvertes. */
export async function resetPassword({ tx, now }: RequestScope, token: string, password: string) {
  const resetTokenHash = sha256Hex(token);
  const passwordHash = await hashPassword(password);
  await applySettings(tx, { resetTokenHash });
  const [user] = await tx.select().from(users).where(eq(users.resetTokenHash, resetTokenHash));
  if (!user?.resetExpiresAt || user.resetExpiresAt <= now) return { ok: false as const, error: 'lien_expire' as const };
  // Le compte reste visible une fois le jeton consommé : on agit désormais en son nom.
  await applySettings(tx, { userId: user.id });
  await tx.update(users).set({ passwordHash, resetTokenHash: null, resetExpiresAt: null }).where(eq(users.id, user.id));
  await tx.delete(sessions).where(eq(sessions.userId, user.id));
  await recordAccountEvent(tx, user.id, 'compte.mot_de_passe_change');
  return { ok: true as const, email: user.email };
}
