// Le dossier de données fermé aux autres comptes : créé 0700 et son contenu refermé même sous un umask ouvert, et
// refus de démarrer, avec le chemin et la commande qui répare, sur un dossier ouvert.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeContents, DataDirRefusal, secureDataDir } from './data-dir.server';

const previous = process.umask();
afterEach(() => void process.umask(previous));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('dossier de données', () => {
  it('sous un umask ouvert (022), crée le dossier 0700, et ce qui s’y écrit ensuite est 0600', () => {
    process.umask(0o022);
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-droits-')), 'data');
    secureDataDir(dir);
    fs.mkdirSync(path.join(dir, 'pgdata'));
    fs.writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '18');
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'pgdata'))).toBe(0o700);
    expect(mode(path.join(dir, 'pgdata', 'PG_VERSION'))).toBe(0o600);
  });

  it('referme un fichier ouvert à l’intérieur (comme ceux que PGlite crée en 0666)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-contenu-'));
    fs.mkdirSync(path.join(dir, 'pgdata'), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'pgdata', 'base'), 'données');
    fs.chmodSync(path.join(dir, 'pgdata'), 0o755);
    fs.chmodSync(path.join(dir, 'pgdata', 'base'), 0o666);
    secureDataDir(dir);
    closeContents(dir);
    expect(mode(path.join(dir, 'pgdata'))).toBe(0o700);
    expect(mode(path.join(dir, 'pgdata', 'base'))).toBe(0o600);
  });

  it('refuse un dossier de données ouvert aux autres, en disant lequel et comment le fermer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-ouvert-'));
    fs.chmodSync(dir, 0o755);
    expect(() => secureDataDir(dir)).toThrow(DataDirRefusal);
    expect(() => secureDataDir(dir)).toThrow(`Le dossier de données ${dir} est ouvert aux autres comptes de cette machine (droits 755)`);
    expect(() => secureDataDir(dir)).toThrow(`chmod -R go-rwx ${dir}`);
    fs.chmodSync(dir, 0o700);
    expect(() => secureDataDir(dir)).not.toThrow();
  });
});
