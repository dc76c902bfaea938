// Entre la demande d'un code et sa saisie, le contact tapé voyage dans un cookie chiffré (jamais dans l'adresse, qui
// finit dans les journaux et l'historique du navigateur), avec le choix « ordinateur partagé ».
import { pendingContactCookie } from '../../platform/cookies.server';
import { decrypt, encrypt } from '../../platform/crypto.server';
import type { Services } from '../../platform/services.server';

export interface PendingSignIn {
  contact: string;
  sharedComputer: boolean;
}

export async function pendingSignInCookie(services: Services, pending: PendingSignIn) {
  return pendingContactCookie(services.config.secureCookies).serialize(encrypt(services.rootKey, JSON.stringify(pending)));
}

export const clearPendingSignIn = (services: Services) => pendingContactCookie(services.config.secureCookies).serialize('', { maxAge: 0 });

export async function readPendingSignIn(services: Services, cookieHeader: string | null): Promise<PendingSignIn | null> {
  const sealed = await pendingContactCookie(services.config.secureCookies).parse(cookieHeader);
  if (typeof sealed !== 'string' || !sealed) return null;
  try {
    const value = JSON.parse(decrypt(services.rootKey, sealed)) as Partial<PendingSignIn>;
    return typeof value.contact === 'string' ? { contact: value.contact, sharedComputer: value.sharedComputer === true } : null;
  } catch {
    return null;
  }
}
