// Primitives cryptographiques partagées : jetons, empreintes, chiffrement sous une clé (maîtresse ou racine).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

export const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function safeEqual(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * La clé maîtresse (32 octets) vient de RELAIS_MASTER_KEY (base64) ou d'un fichier créé au premier
 * démarrage dans DATA_DIR avec le mode 0600. Elle ne quitte jamais le serveur.
 */
export function loadMasterKey(configured: string | null, dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error('RELAIS_MASTER_KEY doit contenir 32 octets encodés en base64.');
    return key;
  }
  const file = path.join(dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return loadMasterKey(fs.readFileSync(file, 'utf8').trim(), dataDir);
}

/** AES-256-GCM ; format « v1.iv.tag.chiffré » en base64url. */
export function encrypt(key: Buffer, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), encrypted].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decrypt(key: Buffer, sealed: string): string {
  const [version, iv, tag, encrypted] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || encrypted === undefined) throw new Error('Donnée chiffrée illisible.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
}
