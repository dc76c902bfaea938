// Second facteur TOTP : enrôlement (QR code) puis vérification à chaque connexion, sans rejeu.
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { decrypt, encrypt } from '../../platform/crypto.server';
import type { RequestScope } from '../../platform/request.server';
import type { SessionState } from '../../platform/session.server';
import { checkTotp, newTotpSecret, totpQrCode } from '../../platform/totp.server';
import { recordAccountEvent } from './account-audit.server';

/** Prépare (ou reprend) un secret en attente de confirmation et renvoie son QR code. */
export async function startEnrolment({ tx, services }: RequestScope, state: SessionState) {
  await applySettings(tx, { userId: state.user.id });
  const secret = await pendingSecret({ tx, services }, state);
  const qr = await totpQrCode(secret, state.user.email, 'Relais');
  return { secret, ...qr };
}

async function pendingSecret({ tx, services }: Pick<RequestScope, 'tx' | 'services'>, state: SessionState) {
  const [user] = await tx.select().from(users).where(eq(users.id, state.user.id));
  if (user?.totpSecret && !user.totpEnabledAt) return decrypt(services.masterKey, user.totpSecret);
  const fresh = newTotpSecret();
  await tx
    .update(users)
    .set({ totpSecret: encrypt(services.masterKey, fresh), totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, state.user.id));
  return fresh;
}

export type SecondFactorResult = { ok: true } | { ok: false; error: 'code_invalide' | 'non_enrole' };

/** Vérifie un code ; à l'enrôlement, l'active. Marque la session comme forte. */
export async function verifySecondFactor(
  { tx, now, services }: RequestScope,
  state: SessionState,
  code: string,
  mode: 'enrolement' | 'connexion',
): Promise<SecondFactorResult> {
  await applySettings(tx, { userId: state.user.id, sessionId: state.sessionId });
  const [user] = await tx.select().from(users).where(eq(users.id, state.user.id));
  if (!user?.totpSecret) return { ok: false, error: 'non_enrole' };
  if (mode === 'connexion' && !user.totpEnabledAt) return { ok: false, error: 'non_enrole' };
  const secret = decrypt(services.masterKey, user.totpSecret);
  const step = await checkTotp(secret, code, user.totpLastStep, Math.floor(now.getTime() / 1000));
  if (step === null) return { ok: false, error: 'code_invalide' };
  await tx
    .update(users)
    .set({ totpLastStep: step, ...(mode === 'enrolement' ? { totpEnabledAt: now } : {}) })
    .where(eq(users.id, user.id));
  await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, state.sessionId));
  if (mode === 'enrolement') await recordAccountEvent(tx, user.id, 'compte.double_authentification_activee');
  return { ok: true };
}
