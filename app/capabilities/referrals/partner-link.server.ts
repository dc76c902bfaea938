// Le lien signé remis à un lieu sans compte sur Relais : /lien/orientation/<id>.<expiration>.<signature>.
// La signature (HMAC-SHA256 sous une clé dérivée de la clé maîtresse) empêche d'inventer ou de prolonger un lien ;
// l'expiration se lit sans toucher la base ; la ligne referral_links dit ensuite s'il a été retiré ou s'il a servi.
import crypto from 'node:crypto';
import { safeEqual } from '../../platform/crypto.server';

const PURPOSE = 'relais:lien-orientation:v1';

const keyOf = (masterKey: Buffer) => crypto.createHmac('sha256', masterKey).update(PURPOSE).digest();
const signatureOf = (masterKey: Buffer, id: string, expiresAt: number) =>
  crypto.createHmac('sha256', keyOf(masterKey)).update(`${id}.${expiresAt}`).digest('base64url');

export function signPartnerLink(masterKey: Buffer, id: string, expiresAt: Date) {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${seconds}.${signatureOf(masterKey, id, seconds)}`;
}

export type LinkCheck = { ok: true; id: string; expiresAt: Date } | { ok: false; reason: 'invalide' | 'expire'; expiresAt?: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Vérifie la signature puis l'expiration ; un lien expiré dit depuis quand, un lien altéré ne dit rien. */
export function verifyPartnerLink(masterKey: Buffer, token: string, now: Date): LinkCheck {
  const [id, seconds, signature, ...rest] = token.split('.');
  if (!id || !seconds || !signature || rest.length || !UUID.test(id) || !/^\d{1,12}$/.test(seconds))
    return { ok: false, reason: 'invalide' };
  if (!safeEqual(signature, signatureOf(masterKey, id, Number(seconds)))) return { ok: false, reason: 'invalide' };
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expire', expiresAt };
  return { ok: true, id, expiresAt };
}
