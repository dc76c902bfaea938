import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap.server';
import { loadConfig } from './platform/config.server';

describe('démarrage', () => {
  it('migre, sème la démonstration une seule fois, et refuse la production avec des comptes de démonstration', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-demarrage-'));
    const logs: string[] = [];
    const services = await bootstrap(loadConfig({ DATA_DIR: dataDir }), (line) => logs.push(line));
    expect(services.database.kind).toBe('pglite');
    expect(services.config.demo).toBe(true);
    await services.database.close();
    const seeding = () => logs.filter((line) => line.startsWith('Base vide'));
    expect(seeding()).toHaveLength(1);
    // La console de démonstration dit comment essayer le portail : le portable de l'espace par SMS, la carte.
    expect(logs.some((line) => /^Portail : .*\/mon-espace avec le 0[67]/.test(line))).toBe(true);
    expect(logs.some((line) => /^Portail par la carte : .*\/mon-espace\/carte\/[\w-]+ , code secret \d{6}\.$/.test(line))).toBe(true);
    const again = await bootstrap(loadConfig({ DATA_DIR: dataDir }), (line) => logs.push(line));
    await again.database.close();
    expect(seeding()).toHaveLength(1);
    await expect(bootstrap(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }))).rejects.toThrow(
      /NODE_ENV=production mais des comptes de démonstration existent/,
    );
    // La base est restée intacte et se rouvre.
    const reopened = await bootstrap(loadConfig({ DATA_DIR: dataDir, RELAIS_DEMO: '0' }));
    await reopened.database.close();
  }, 180_000); // semis complet de l'histoire d'Alpha au premier démarrage

  it('sous un umask ouvert (022), la base embarquée, la clé et les messages ne sont lisibles que par le compte de Relais', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-umask-')), 'data');
      const services = await bootstrap(loadConfig({ DATA_DIR: dataDir, RELAIS_DEMO: '0' }));
      await services.mail({ to: 'agent@alpha.test', subject: 'Essai', text: 'Bonjour' });
      await services.database.close();
      const open: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if ((fs.statSync(full).mode & 0o077) !== 0 && !full.includes(`${path.sep}pgdata${path.sep}`)) open.push(full);
          if (entry.isDirectory()) walk(full);
        }
      };
      walk(dataDir);
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      expect((fs.statSync(path.join(dataDir, 'pgdata')).mode & 0o777).toString(8)).toBe('700');
      // Hors de pgdata (où PGlite écrit en 0666 des fichiers que le dossier fermé protège), rien n'est ouvert.
      expect(open).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });

  it('active la démonstration par défaut en embarqué, pas avec DATABASE_URL', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', RELAIS_DEMO: '1' }).demo).toBe(true);
  });
});
