// Sauvegarde → restauration : des données identiques, table par table (nombre de lignes et empreinte), le journal
// des mandats qui se vérifie encore, les fichiers revenus (emportés d'un vrai stockage S3 local, remis dans un dossier) ;
// et chaque refus (base ou stockage non vide, clé fausse, archive tronquée ou altérée, schéma plus récent) sans rien écrire.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import { transaction } from './db/transaction.server';
import { openDatabase, sqlRows, type Database } from './db/database.server';
import { seedDemo } from './capabilities/demo/seed-demo.server';
import { verifyJournals } from './capabilities/mandates/journal.server';
import { operatorTransaction } from './db/transaction.server';
import { BackupRefusal, openArchive, sealArchive, type BackupContent } from './platform/backup/archive.server';
import { dumpInstance, knownMigrations, restoreInstance, tableChecksum } from './platform/backup/backup.server';
import { backupStatus, nightlyBackup, pruneBackups } from './platform/backup/nightly.server';
import { testServices } from '../test/database';
import { freePort } from '../test/relais-process';
import { localStorage, s3Storage, type FileStorage } from './platform/file-storage.server';

const KEY = { kind: 'cle' as const, key: Buffer.alloc(32, 9) };
const temp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `relais-${name}-`));

describe('sauvegarde et restauration', () => {
  let source: Database;
  let s3: S3rver;
  let content: BackupContent;
  let archive: Buffer;
  /** Des fichiers du coffre (déjà chiffrés) : des octets quelconques sous des noms aléatoires. */
  const stored = {
    [crypto.randomBytes(16).toString('base64url')]: Buffer.from([0, 1, 2, 250, 255]),
    [crypto.randomBytes(16).toString('base64url')]: crypto.randomBytes(70_000),
  };
  const emptyStorage = () => localStorage(temp('fichiers'));
  const read = async (storage: FileStorage, name: string) => buffer((await storage.get(name))!);

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source, { small: true });
    const port = await freePort();
    s3 = new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory: temp('s3rver'),
      configureBuckets: [{ name: 'sauvegarde', configs: [] }],
    });
    await s3.run();
    const bucket = await s3Storage({
      url: `http://127.0.0.1:${port}`,
      bucket: 'sauvegarde',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      region: 'fr-par',
    });
    for (const [name, bytes] of Object.entries(stored)) await bucket.put(name, Readable.from([bytes]));
    content = await dumpInstance(source, bucket, new Date('2026-12-03T02:00:00Z'));
    archive = sealArchive(content, KEY);
  }, 120_000);
  afterAll(async () => {
    await s3.close();
    await source.close();
  });

  const emptyTarget = () => openDatabase({ kind: 'pglite', memory: true });
  /** Le nombre de tables d'une base : 0 tant qu'une restauration refusée n'y a rien écrit. */
  const publicTables = async (target: Database) => {
    const [row] = await sqlRows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
    );
    return row!.n;
  };

  it('restaure toutes les tables à l’identique, les fichiers, et le journal des mandats se vérifie', async () => {
    const target = await emptyTarget();
    const restoredFiles = emptyStorage();
    try {
      await restoreInstance(target, openArchive(archive, KEY), restoredFiles);
      const again = await dumpInstance(target, restoredFiles, new Date());
      const summary = (c: BackupContent) => c.tables.map((t) => `${t.name}:${t.rows.length}:${t.checksum}`);
      expect(summary(again)).toEqual(summary(content));
      expect(content.tables.find((t) => t.name === 'solicitations')!.rows.length).toBeGreaterThan(10);
      expect((await restoredFiles.list()).sort()).toEqual(Object.keys(stored).sort());
      for (const [name, bytes] of Object.entries(stored)) expect((await read(restoredFiles, name)).equals(bytes)).toBe(true);
      const journals = await verifyJournals(target);
      expect(journals.map((j) => j.check.ok)).toEqual(journals.map(() => true));
      expect(journals.some((j) => j.check.ok && j.check.count > 0)).toBe(true);
      // Les séquences reprennent après les lignes restaurées.
      const [{ next } = { next: 0 }] = await operatorTransaction(target, (tx) =>
        sqlRows<{ next: number }>(tx, sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))::int as next`),
      );
      const max = Math.max(...(content.tables.find((t) => t.name === 'audit_events')!.rows as Array<{ id: number }>).map((r) => r.id));
      expect(next).toBeGreaterThan(max);
    } finally {
      await target.close();
    }
  });

  it('lit une grande table par lots sans en perdre ni doubler une ligne, et restaure encore une archive des premières versions', async () => {
    const big = await createTestDatabase();
    const target = await emptyTarget();
    const oldTarget = await emptyTarget();
    try {
      await operatorTransaction(big, (tx) =>
        tx.execute(sql`insert into structures (slug, name) select 'lot-' || i, 'Structure ' || i from generate_series(1, 4500) i`),
      );
      // Des lignes réécrites changent de place physique : le parcours par lots doit les lire une fois.
      await operatorTransaction(big, (tx) => tx.execute(sql`update structures set name = name || ' (bis)' where slug like 'lot-1%'`));
      const dumped = await dumpInstance(big, emptyStorage(), new Date());
      const rows = dumped.tables.find((t) => t.name === 'structures')!.rows as Array<{ slug: string }>;
      expect(rows.length).toBe(4500);
      expect(new Set(rows.map((r) => r.slug)).size).toBe(4500);
      await restoreInstance(target, openArchive(sealArchive(dumped, KEY), KEY), emptyStorage());
      // Une archive écrite avant les empreintes par lignes (sans `checksums`) : vérifiée avec les siennes ; ses
      // fichiers rangés sous « ab/<nom> », comme le dossier local les rangeait alors.
      const name = Object.keys(stored)[0]!;
      const old = await operatorTransaction(big, async (tx) => ({
        ...dumped,
        files: { [`${name.slice(0, 2)}/${name}`]: stored[name]!.toString('base64') },
        checksums: undefined,
        tables: await Promise.all(dumped.tables.map(async (t) => ({ ...t, checksum: await tableChecksum(tx, t.name, 1) }))),
      }));
      const oldFiles = emptyStorage();
      await restoreInstance(oldTarget, openArchive(sealArchive(old, KEY), KEY), oldFiles);
      expect((await read(oldFiles, name)).equals(stored[name]!)).toBe(true);
      const [{ n } = { n: 0 }] = await operatorTransaction(oldTarget, (tx) =>
        sqlRows<{ n: number }>(tx, sql`select count(*)::int as n from structures`),
      );
      expect(n).toBe(4500);
    } finally {
      await Promise.all([big.close(), target.close(), oldTarget.close()]);
    }
  });

  it('chiffre aussi par une phrase de passe, et refuse la clé maîtresse à sa place', () => {
    const sealed = sealArchive(content, { kind: 'phrase', passphrase: 'une longue phrase de passe' });
    expect(openArchive(sealed, { kind: 'phrase', passphrase: 'une longue phrase de passe' }).tables.length).toBe(content.tables.length);
    expect(() => openArchive(sealed, { kind: 'phrase', passphrase: 'une autre phrase' })).toThrow(/ne se déchiffre pas/);
    expect(() => openArchive(sealed, KEY)).toThrow(/phrase de passe/);
  });

  it('refuse une clé fausse, une archive tronquée ou altérée, un fichier étranger', () => {
    expect(() => openArchive(archive, { kind: 'cle', key: Buffer.alloc(32, 1) })).toThrow(BackupRefusal);
    expect(() => openArchive(archive.subarray(0, archive.length - 100), KEY)).toThrow(/tronqué ou altéré/);
    const altered = Buffer.from(archive);
    altered[altered.length - 200]! ^= 1;
    expect(() => openArchive(altered, KEY)).toThrow(/tronqué ou altéré/);
    expect(() => openArchive(Buffer.from('PGDMP…'), KEY)).toThrow(/pas une sauvegarde de Relais/);
    expect(() => openArchive(archive.subarray(0, 30), KEY)).toThrow(BackupRefusal);
  });

  it('refuse une base cible non vide, un stockage de fichiers non vide ou un nom de fichier dangereux, sans rien écrire', async () => {
    await expect(restoreInstance(source, content, emptyStorage())).rejects.toThrow(/n'est pas vide/);
    const target = await emptyTarget();
    try {
      const filled = emptyStorage();
      await filled.put(crypto.randomBytes(16).toString('base64url'), Readable.from([Buffer.from('déjà là')]));
      await expect(restoreInstance(target, content, filled)).rejects.toThrow(/en contient déjà/);
      const hostile = { ...content, files: { '../../etc/passwd': 'eA==' } };
      await expect(restoreInstance(target, hostile, emptyStorage())).rejects.toThrow(/Chemin de fichier refusé/);
      expect(await publicTables(target)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('refuse une archive d’un schéma plus récent, sans rien écrire', async () => {
    const target = await emptyTarget();
    try {
      const newer = { ...content, schema: { migrations: knownMigrations().length + 1, last: '9999_futur' } };
      await expect(restoreInstance(target, newer, emptyStorage())).rejects.toThrow(/version plus récente/);
      expect(await publicTables(target)).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('la nuit, le worker sauvegarde une fois par jour après 2 h, note le résultat, et la page alerte après 48 h sans réussite', async () => {
    const backupDir = temp('nuit');
    const services = testServices(source, { BACKUP_DIR: backupDir, TZ: 'Europe/Paris' });
    const status = () => transaction(source, {}, (tx) => backupStatus(tx, services.now()));
    expect((await status()).stale).toBe(true);
    services.clock.now = new Date('2026-12-03T00:30:00Z'); // 1 h 30 à Paris : trop tôt
    await nightlyBackup(services);
    expect(fs.readdirSync(backupDir)).toEqual([]);
    services.clock.now = new Date('2026-12-03T02:00:00Z'); // 3 h à Paris
    await nightlyBackup(services);
    await nightlyBackup(services);
    expect(fs.readdirSync(backupDir)).toEqual(['relais-2026-12-03.relais']);
    expect((fs.statSync(path.join(backupDir, 'relais-2026-12-03.relais')).mode & 0o777).toString(8)).toBe('600');
    const restored = openArchive(fs.readFileSync(path.join(backupDir, 'relais-2026-12-03.relais')), {
      kind: 'cle',
      key: services.masterKey,
    });
    expect(restored.tables.map((t) => t.name)).toEqual(content.tables.map((t) => t.name));
    const after = await status();
    expect(after).toMatchObject({ stale: false, lastSuccess: { file: 'relais-2026-12-03.relais', status: 'reussie' } });
    services.clock.now = new Date('2026-12-05T03:00:00Z');
    expect((await status()).stale).toBe(true);
  });

  it('note un échec sans laisser d’archive partielle', async () => {
    const blocked = path.join(temp('bloque'), 'fichier');
    fs.writeFileSync(blocked, 'pas un dossier');
    const services = testServices(source, { BACKUP_DIR: blocked });
    services.clock.now = new Date('2026-12-10T04:00:00Z');
    await nightlyBackup(services);
    const { last } = await transaction(source, {}, (tx) => backupStatus(tx, services.now()));
    expect(last).toMatchObject({ status: 'echec', file: 'relais-2026-12-10.relais' });
  });

  it('garde les 7 dernières sauvegardes et une par semaine sur 4 semaines', () => {
    const dir = temp('rotation');
    for (let i = 0; i < 60; i++) {
      const day = new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10);
      fs.writeFileSync(path.join(dir, `relais-${day}.relais`), 'x');
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'autre fichier');
    const kept = pruneBackups(dir, { daily: 7, weekly: 4 });
    expect(kept).toHaveLength(11);
    expect(kept.slice(-7)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    // Les quatre semaines d'avant : le dimanche de chacune (la plus récente de la semaine).
    expect(kept.slice(0, 4)).toEqual(['2026-11-01', '2026-11-08', '2026-11-15', '2026-11-22']);
    expect(fs.readdirSync(dir)).toContain('notes.txt');
    expect(fs.readdirSync(dir)).toHaveLength(12);
  });
});
