import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from './database.server';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relais-ouverture-'));

describe('ouverture de la base', () => {
  it("refuse d'écraser un dossier qui n'est pas une base PostgreSQL", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'pgdata'));
    fs.writeFileSync(path.join(dir, 'pgdata', 'notes.txt'), 'à garder');
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/Relais refuse de l'écraser/);
    expect(fs.readFileSync(path.join(dir, 'pgdata', 'notes.txt'), 'utf8')).toBe('à garder');
  });

  it('refuse une base embarquée déjà ouverte par un autre processus vivant', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'pgdata'));
    fs.writeFileSync(path.join(dir, 'pgdata.lock'), String(process.ppid));
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toThrow(/déjà utilisée par le processus/);
  });

  it('explique clairement un serveur PostgreSQL injoignable, sans afficher le mot de passe', async () => {
    const attempt = openDatabase({ kind: 'postgresql', url: 'postgresql://relais:secret@127.0.0.1:1/relais' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseOpenError);
    await expect(attempt).rejects.toThrow(
      /Impossible de joindre le serveur PostgreSQL de DATABASE_URL \(postgresql:\/\/relais:\*\*\*@127\.0\.0\.1:1\/relais\)/,
    );
  });
});
