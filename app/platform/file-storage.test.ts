// Le même contrat pour les deux stockages du coffre-fort : le dossier local, et un vrai serveur compatible S3 local
// (s3rver) joint par le client S3 d'AWS. Ranger, relire, savoir s'il existe, retirer ; un nom dangereux refusé ; un
// envoi interrompu ne laisse rien sous son nom.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/relais-process';
import { localStorage, s3Storage, type FileStorage } from './file-storage.server';

const BUCKET = 'relais-coffre';
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const localDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-coffre-'));
const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-s3rver-'));
let server: S3rver;
let s3: FileStorage;

beforeAll(async () => {
  const port = await freePort();
  server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  await server.run();
  s3 = await s3Storage({
    url: `http://127.0.0.1:${port}`,
    bucket: BUCKET,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'fr-par',
  });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
  fs.rmSync(localDir, { recursive: true, force: true });
});

const stores: Array<[string, () => FileStorage]> = [
  ['dossier local', () => localStorage(localDir)],
  ['S3 (s3rver)', () => s3],
];

describe.each(stores)('stockage du coffre-fort : %s', (_label, storeOf) => {
  const name = () => crypto.randomBytes(16).toString('base64url');

  it('range un flux de plusieurs mégaoctets, le relit à l’octet près, le retire', async () => {
    const store = storeOf();
    const id = name();
    const data = crypto.randomBytes(6 * 1024 * 1024 + 123);
    const pieces = Array.from({ length: Math.ceil(data.length / 100_000) }, (_, i) => data.subarray(i * 100_000, (i + 1) * 100_000));
    expect(await store.put(id, Readable.from(pieces))).toBe(data.length);
    expect(await store.exists(id)).toBe(true);
    // Comparer des empreintes : toEqual parcourt 6 Mo octet par octet, en dizaines de secondes.
    expect(sha256(await buffer((await store.get(id))!))).toBe(sha256(data));
    await store.remove(id);
    expect(await store.exists(id)).toBe(false);
    expect(await store.get(id)).toBeNull();
    await store.remove(id);
  });

  it('refuse un nom qui sortirait de son dossier', async () => {
    const store = storeOf();
    await expect(store.put('../../etc/passwd-aaaaaaaaaaaa', Readable.from([Buffer.from('x')]))).rejects.toThrow(/invalide/);
    await expect(store.get('a/b')).rejects.toThrow(/invalide/);
  });

  it('un envoi interrompu ne laisse rien sous son nom', async () => {
    const store = storeOf();
    const id = name();
    const failing = new Readable({
      read() {
        this.push(crypto.randomBytes(64 * 1024));
        this.destroy(new Error('coupure'));
      },
    });
    await expect(store.put(id, failing)).rejects.toThrow();
    expect(await store.exists(id)).toBe(false);
    expect(await store.list()).not.toContain(id);
  });

  it('liste les fichiers complets (ce que la sauvegarde emporte), plus ceux qui sont retirés', async () => {
    const store = storeOf();
    const [kept, removed] = [name(), name()];
    for (const id of [kept, removed]) await store.put(id, Readable.from([Buffer.from(id)]));
    await store.remove(removed);
    const listed = await store.list();
    expect(listed).toContain(kept);
    expect(listed).not.toContain(removed);
  });
});

describe('dossier local', () => {
  it('écrit des fichiers lisibles par le seul compte de Relais (0600)', async () => {
    const store = localStorage(localDir);
    const id = crypto.randomBytes(16).toString('base64url');
    await store.put(id, Readable.from([Buffer.from('chiffré')]));
    const file = path.join(localDir, id.slice(0, 2), id);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.partiel'))).toEqual([]);
  });
});
