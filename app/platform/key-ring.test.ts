// Le trousseau de l'instance (décision 028) : une racine tirée au hasard pour une base neuve, la clé maîtresse pour
// une base d'avant le trousseau ; une autre clé maîtresse refusée ; un changement de clé interrompu achevé ou oublié
// au démarrage suivant, selon qu'il a été validé en base ou non.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { makeStructure } from '../db/builders.server';
import type { Database } from '../db/database.server';
import { operatorTransaction } from '../db/transaction.server';
import { keyRing } from './schema';
import { instanceKeys, MasterKeyMismatch, openKeyRing, rewrapRoot } from './key-ring.server';

// Une seule base ; le trousseau (une ligne) est effacé avant chaque cas, comme dans une base neuve.
let shared: Database;
beforeAll(async () => {
  shared = await createTestDatabase();
});
afterAll(() => shared.close());
beforeEach(() => operatorTransaction(shared, (tx) => tx.delete(keyRing)));
const database = async () => shared;
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relais-trousseau-'));

describe('trousseau de l’instance', () => {
  it('donne à une base neuve une racine au hasard, la même à chaque ouverture, et refuse une autre clé maîtresse', async () => {
    const db = await database();
    const master = crypto.randomBytes(32);
    const root = await openKeyRing(db, master);
    expect(root.length).toBe(32);
    expect(root.equals(master)).toBe(false);
    expect((await openKeyRing(db, master)).equals(root)).toBe(true);
    await expect(openKeyRing(db, crypto.randomBytes(32))).rejects.toThrow(/ne correspond pas à cette base/);
  });

  it('crée master.key (0600) au premier démarrage et l’ouvre ensuite', async () => {
    const db = await database();
    const dataDir = tempDir();
    const first = await instanceKeys(db, { masterKey: null, dataDir });
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const again = await instanceKeys(db, { masterKey: null, dataDir });
    expect([again.masterKey.equals(first.masterKey), again.rootKey.equals(first.rootKey)]).toEqual([true, true]);
  });

  it('achève un changement de clé validé en base mais interrompu avant l’échange des fichiers', async () => {
    const db = await database();
    const dataDir = tempDir();
    const { masterKey, rootKey } = await instanceKeys(db, { masterKey: null, dataDir });
    const next = crypto.randomBytes(32);
    fs.writeFileSync(path.join(dataDir, 'master.key.new'), next.toString('base64'), { mode: 0o600 });
    await operatorTransaction(db, (tx) => rewrapRoot(tx, masterKey, next, new Date()));
    const keys = await instanceKeys(db, { masterKey: null, dataDir });
    expect([keys.masterKey.equals(next), keys.rootKey.equals(rootKey)]).toEqual([true, true]);
    const files = fs.readdirSync(dataDir).sort();
    expect(files.filter((f) => f !== 'master.key')).toEqual([expect.stringMatching(/^master\.key\.ancienne-/)]);
    expect(
      fs.readFileSync(
        path.join(
          dataDir,
          files.find((f) => f !== 'master.key')!,
        ),
        'utf8',
      ),
    ).toBe(masterKey.toString('base64'));
  });

  it('achève aussi l’échange coupé entre ses deux renommages (master.key absent)', async () => {
    const db = await database();
    const dataDir = tempDir();
    const { masterKey } = await instanceKeys(db, { masterKey: null, dataDir });
    const next = crypto.randomBytes(32);
    await operatorTransaction(db, (tx) => rewrapRoot(tx, masterKey, next, new Date()));
    fs.renameSync(path.join(dataDir, 'master.key'), path.join(dataDir, 'master.key.ancienne-x'));
    fs.writeFileSync(path.join(dataDir, 'master.key.new'), next.toString('base64'), { mode: 0o600 });
    expect((await instanceKeys(db, { masterKey: null, dataDir })).masterKey.equals(next)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'master.key.new'))).toBe(false);
  });

  it('oublie une nouvelle clé jamais validée en base : l’ancienne reste la bonne', async () => {
    const db = await database();
    const dataDir = tempDir();
    const { masterKey } = await instanceKeys(db, { masterKey: null, dataDir });
    fs.writeFileSync(path.join(dataDir, 'master.key.new'), crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    expect((await instanceKeys(db, { masterKey: null, dataDir })).masterKey.equals(masterKey)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['master.key']);
  });

  it('refuse, au démarrage, une clé maîtresse donnée qui n’est pas celle de la base', async () => {
    const db = await database();
    await instanceKeys(db, { masterKey: crypto.randomBytes(32).toString('base64'), dataDir: tempDir() });
    await expect(instanceKeys(db, { masterKey: crypto.randomBytes(32).toString('base64'), dataDir: tempDir() })).rejects.toBeInstanceOf(
      MasterKeyMismatch,
    );
  });

  // En dernier : la structure créée ici reste dans la base partagée.
  it('garde la clé maîtresse pour racine d’une base qui existait avant le trousseau (empreintes et secrets inchangés)', async () => {
    const db = await database();
    await operatorTransaction(db, (tx) => makeStructure(tx, { slug: 'alpha', name: "CCAS d'Alpha" }));
    const master = crypto.randomBytes(32);
    expect((await openKeyRing(db, master)).equals(master)).toBe(true);
  });
});
