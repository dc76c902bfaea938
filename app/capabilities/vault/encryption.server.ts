// Le chiffrement du coffre-fort (issue 21, ARCHITECTURE §4) : chaque fichier a sa propre clé (AES-256-GCM), enveloppée
// par la clé de la personne, elle-même enveloppée par la clé maîtresse. Détruire une enveloppe rend illisible tout ce
// qu'elle protégeait, même dans une sauvegarde.
//
// Un fichier se chiffre en flux, par morceaux de 64 Kio : chacun est authentifié (GCM) avec un nonce fait d'un
// préfixe aléatoire propre au fichier et de son numéro ; le dernier porte un drapeau dans ses données associées. Un
// morceau changé, déplacé, retiré ou ajouté, ou un fichier coupé, est refusé avant que son contenu ne sorte.
import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const MAGIC = Buffer.from('RLV1');
const PREFIX_BYTES = 8;
const HEADER_BYTES = MAGIC.length + PREFIX_BYTES;

export class TamperedFileError extends Error {
  constructor() {
    super('Fichier chiffré altéré ou incomplet : il ne peut pas être lu.');
    this.name = 'TamperedFileError';
  }
}

/** Une clé neuve de 32 octets (clé d'un fichier ou d'une personne). */
export const newKey = () => crypto.randomBytes(32);

/**
 * Enveloppe une clé sous une autre (AES-256-GCM), liée à son usage (`purpose`, par exemple « personne:<id> ») : une
 * enveloppe recopiée sur une autre ligne ne s'ouvre pas.
 */
export function wrapKey(wrapping: Buffer, key: Buffer, purpose: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(Buffer.from(`relais-coffre:${purpose}`));
  const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
  return ['k1', iv, cipher.getAuthTag(), sealed].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function unwrapKey(wrapping: Buffer, wrapped: string, purpose: string): Buffer {
  const [version, iv, tag, sealed] = wrapped.split('.');
  if (version !== 'k1' || !iv || !tag || !sealed) throw new TamperedFileError();
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrapping, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`relais-coffre:${purpose}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
  } catch {
    throw new TamperedFileError();
  }
}

const nonceOf = (prefix: Buffer, index: number) => {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, PREFIX_BYTES);
  return nonce;
};
const LAST = Buffer.from([1]);
const NOT_LAST = Buffer.from([0]);

function sealChunk(key: Buffer, prefix: Buffer, index: number, plain: Buffer, last: boolean) {
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonceOf(prefix, index));
  cipher.setAAD(last ? LAST : NOT_LAST);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(key: Buffer, prefix: Buffer, index: number, sealed: Buffer, last: boolean) {
  if (sealed.length < TAG_BYTES) throw new TamperedFileError();
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonceOf(prefix, index));
    decipher.setAAD(last ? LAST : NOT_LAST);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new TamperedFileError();
  }
}

/** Chiffre un flux : l'en-tête, puis chaque morceau de 64 Kio scellé ; le dernier (éventuellement vide) marqué. */
export function encryptStream(key: Buffer): Transform {
  const prefix = crypto.randomBytes(PREFIX_BYTES);
  let pending = Buffer.alloc(0);
  let index = 0;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        this.push(Buffer.concat([MAGIC, prefix]));
        started = true;
      }
      pending = Buffer.concat([pending, chunk]);
      // Un morceau ne part que lorsqu'un octet au moins le suit : le dernier doit savoir qu'il est le dernier.
      while (pending.length > CHUNK_BYTES) {
        this.push(sealChunk(key, prefix, index++, pending.subarray(0, CHUNK_BYTES), false));
        pending = pending.subarray(CHUNK_BYTES);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(Buffer.concat([MAGIC, prefix]));
      this.push(sealChunk(key, prefix, index, pending, true));
      done();
    },
  });
}

/** Déchiffre un flux ; une erreur `TamperedFileError` arrête le flux au premier morceau qui ne s'ouvre pas. */
export function decryptStream(key: Buffer): Transform {
  const sealedBytes = CHUNK_BYTES + TAG_BYTES;
  let pending = Buffer.alloc(0);
  let prefix: Buffer | null = null;
  let index = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      try {
        if (!prefix) {
          if (pending.length < HEADER_BYTES) return done();
          if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) throw new TamperedFileError();
          prefix = Buffer.from(pending.subarray(MAGIC.length, HEADER_BYTES));
          pending = pending.subarray(HEADER_BYTES);
        }
        // Un morceau plein n'est ouvert que si d'autres octets le suivent (sinon, c'est peut-être le dernier).
        while (pending.length > sealedBytes) {
          this.push(openChunk(key, prefix, index++, pending.subarray(0, sealedBytes), false));
          pending = pending.subarray(sealedBytes);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!prefix) throw new TamperedFileError();
        this.push(openChunk(key, prefix, index, pending, true));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
