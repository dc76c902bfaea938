// Un lien signé remis à quelqu'un sans compte sur Relais : <id>.<expiration>.<signature> (le lieu d'une orientation,
// l'organisme à qui une personne transmet ses papiers). La signature (HMAC-SHA256 sous une clé dérivée de la clé
// maîtresse et de l'usage du lien) empêche d'inventer ou de prolonger un lien ; l'expiration se lit sans toucher la
// base ; la ligne du lien dit ensuite s'il a été retiré ou s'il a servi.
import crypto from 'node:crypto';
import { safeEqual } from './crypto.server';

/** L'usage d'un lien : un lien d'orientation ne vaut pas pour un partage de papiers, et inversement. */
export type LinkPurpose = 'relais:lien-orientation:v1' | 'relais:partage-coffre:v1' | 'relais:annulation-rdv:v1';

const keyOf = (key: Buffer, purpose: LinkPurpose) => crypto.createHmac('sha256', key).update(purpose).digest();
const signatureOf = (key: Buffer, purpose: LinkPurpose, id: string, expiresAt: number) =>
  crypto.createHmac('sha256', keyOf(key, purpose)).update(`${id}.${expiresAt}`).digest('base64url');

export function signLink(key: Buffer, purpose: LinkPurpose, id: string, expiresAt: Date) {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${seconds}.${signatureOf(key, purpose, id, seconds)}`;
}

export type LinkCheck = { ok: true; id: string; expiresAt: Date } | { ok: false; reason: 'invalide' | 'expire'; expiresAt?: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Vérifie la signature puis l'expiration ; un lien expiré dit depuis quand, un lien altéré ne dit rien. */
export function verifyLink(key: Buffer, purpose: LinkPurpose, token: string, now: Date): LinkCheck {
  const [id, seconds, signature, ...rest] = token.split('.');
  if (!id || !seconds || !signature || rest.length || !UUID.test(id) || !/^\d{1,12}$/.test(seconds))
    return { ok: false, reason: 'invalide' };
  if (!safeEqual(signature, signatureOf(key, purpose, id, Number(seconds)))) return { ok: false, reason: 'invalide' };
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expire', expiresAt };
  return { ok: true, id, expiresAt };
}
