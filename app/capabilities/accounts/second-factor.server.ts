// Second facteur TOTP : enrôlement (QR code) puis vérification à chaque connexion, sans rejeu.
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { decrypt, encrypt } from '../../platform/crypto.server';
import type { RequestScope } from '../../platform/request.server';
import type { SessionState } from '../../platform/session.server';
import { checkTotp, newTotpSecret, totpQrCode } from '../../platform/totp.server';
import { recordAccountEvent } from './account-audit.server';
import { afterSecondFactorFailure, SECOND_FACTOR_LOCK_MINUTES, secondFactorLocked } from './rules';

/** Prépare (ou reprend) un secret en attente de confirmation et renvoie son QR code. */
export async function startEnrolment({ tx, services }: RequestScope, state: SessionState) {
  await applySettings(tx, { userId: state.user.id });
  const secret = await pendingSecret({ tx, services }, state);
  const qr = await totpQrCode(secret, state.user.email, 'Relais');
  return { secret, ...qr };
}

async function pendingSecret({ tx, services }: Pick<RequestScope, 'tx' | 'services'>, state: SessionState) {
  const [user] = await tx.select().from(users).where(eq(users.id, state.user.id));
  if (user?.totpSecret && !user.totpEnabledAt) return decrypt(services.rootKey, user.totpSecret);
  const fresh = newTotpSecret();
  await tx
    .update(users)
    .set({ totpSecret: encrypt(services.rootKey, fresh), totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, state.user.id));
  return fresh;
}

export type SecondFactorResult = { ok: true } | { ok: false; error: 'code_invalide' | 'non_enrole' | 'deja_active' | 'verrouille' };

/**
 * Vérifie un code ; à l'enrôlement, l'active (jamais quand il l'est déjà : l'enrôlement ne sert pas à essayer des
 * codes). Cinq codes refusés d'affilée bloquent le second facteur du compte 15 minutes, quelle que soit l'adresse
 * d'où ils viennent, et l'agent en est prévenu par e-mail. Marque la session comme forte.
 */
export async function verifySecondFactor(
  { tx, now, services }: RequestScope,
  state: SessionState,
  code: string,
  mode: 'enrolement' | 'connexion',
): Promise<SecondFactorResult> {
  await applySettings(tx, { userId: state.user.id, sessionId: state.sessionId });
  // Le verrou de la ligne : deux essais simultanés comptent tous les deux.
  const [user] = await tx.select().from(users).where(eq(users.id, state.user.id)).for('update');
  if (!user?.totpSecret) return { ok: false, error: 'non_enrole' };
  if (mode === 'enrolement' && user.totpEnabledAt) return { ok: false, error: 'deja_active' };
  if (mode === 'connexion' && !user.totpEnabledAt) return { ok: false, error: 'non_enrole' };
  if (secondFactorLocked(user, now)) return { ok: false, error: 'verrouille' };
  const secret = decrypt(services.rootKey, user.totpSecret);
  const step = await checkTotp(secret, code, user.totpLastStep, Math.floor(now.getTime() / 1000));
  if (step === null) {
    const next = afterSecondFactorFailure(user.totpFailures, now);
    await tx.update(users).set(next).where(eq(users.id, user.id));
    if (next.totpLockedUntil) {
      await recordAccountEvent(tx, user.id, 'compte.second_facteur_bloque');
      await services.mail({ to: user.email, subject: 'Relais — votre double authentification est bloquée', text: lockNotice(services) });
      return { ok: false, error: 'verrouille' };
    }
    return { ok: false, error: 'code_invalide' };
  }
  await tx
    .update(users)
    .set({ totpLastStep: step, totpFailures: 0, totpLockedUntil: null, ...(mode === 'enrolement' ? { totpEnabledAt: now } : {}) })
    .where(eq(users.id, user.id));
  await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, state.sessionId));
  if (mode === 'enrolement') await recordAccountEvent(tx, user.id, 'compte.double_authentification_activee');
  return { ok: true };
}

const lockNotice = (services: RequestScope['services']) =>
  [
    'Bonjour,',
    '',
    `Cinq codes de double authentification faux ont été saisis d'affilée pour votre compte Relais : par prudence, la connexion à votre compte est bloquée ${SECOND_FACTOR_LOCK_MINUTES} minutes.`,
    "Si ce n'était pas vous, quelqu'un connaît sans doute votre mot de passe : changez-le dès maintenant",
    `(${services.config.publicUrl}/mot-de-passe-oublie) et prévenez l'administrateur de votre structure.`,
  ].join('\n');
