// Mot de passe oublié et invitation : un lien à usage unique envoyé par e-mail.
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { randomToken, sha256Hex } from '../../platform/crypto.server';
import { hashPassword } from '../../platform/password.server';
import type { RequestScope } from '../../platform/request.server';
import type { Services } from '../../platform/services.server';
import { recordAccountEvent } from './account-audit.server';
import { RESET_TOKEN_HOURS } from './rules';

export const resetLink = (services: Services, token: string) =>
  `${services.config.publicUrl}/mot-de-passe/nouveau?jeton=${encodeURIComponent(token)}`;

/** Toujours la même réponse à l'écran ; l'e-mail ne part que si le compte existe. */
export async function requestPasswordReset({ tx, now, services }: RequestScope, email: string) {
  const token = randomToken();
  await applySettings(tx, { loginEmail: email });
  const [user] = await tx
    .update(users)
    .set({
      resetTokenHash: sha256Hex(token),
      resetExpiresAt: new Date(now.getTime() + RESET_TOKEN_HOURS * 3600_000),
    })
    .where(eq(users.email, email))
    .returning({ id: users.id });
  if (!user) return;
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
