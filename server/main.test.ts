import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('npm start face à une base inutilisable', () => {
  // L'application est construite une fois par la mise en place des tests (test/global-setup.ts).
  it("s'arrête avec un message clair et un code non nul si DATABASE_URL est injoignable", () => {
    const result = spawnSync('node', ['build/server/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: 'postgresql://relais@127.0.0.1:1/relais',
        PORT: '0',
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'relais-injoignable-')),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Relais n'a pas pu démarrer : Impossible de joindre le serveur PostgreSQL");
  });

  it("s'arrête sans rien écraser si DATA_DIR contient autre chose qu'une base", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-etranger-'));
    fs.mkdirSync(path.join(dataDir, 'pgdata'));
    fs.writeFileSync(path.join(dataDir, 'pgdata', 'important.txt'), 'ne pas perdre');
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0' };
    delete env.DATABASE_URL;
    const result = spawnSync('node', ['build/server/main.js'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Relais refuse de l'écraser");
    expect(fs.readdirSync(path.join(dataDir, 'pgdata'))).toEqual(['important.txt']);
  });
});
