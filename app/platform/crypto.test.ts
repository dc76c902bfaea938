import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, loadMasterKey } from './crypto.server';

describe('chiffrement par la clé maîtresse', () => {
  const key = crypto.randomBytes(32);
  it('déchiffre ce qu’il a chiffré, avec un IV différent à chaque fois', () => {
    const a = encrypt(key, 'JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(encrypt(key, 'JBSWY3DPEHPK3PXP'));
    expect(decrypt(key, a)).toBe('JBSWY3DPEHPK3PXP');
  });
  it('refuse une donnée altérée ou une autre clé', () => {
    const sealed = encrypt(key, 'secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('autre').toString('base64url');
    expect(() => decrypt(key, parts.join('.'))).toThrow();
    expect(() => decrypt(crypto.randomBytes(32), sealed)).toThrow();
  });
  it('crée la clé au premier démarrage avec le mode 0600, puis la relit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cle-'));
    const first = loadMasterKey(null, dir);
    expect(fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(loadMasterKey(null, dir).equals(first)).toBe(true);
  });
  it('refuse une clé configurée de mauvaise taille', () => {
    expect(() => loadMasterKey('Y291cnRl', '/nulle-part')).toThrow('32 octets');
  });
});
