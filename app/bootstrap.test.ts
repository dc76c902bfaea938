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
    expect(logs).toHaveLength(1);
    const again = await bootstrap(loadConfig({ DATA_DIR: dataDir }), (line) => logs.push(line));
    await again.database.close();
    expect(logs).toHaveLength(1);
    await expect(bootstrap(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' }))).rejects.toThrow(
      /NODE_ENV=production mais des comptes de démonstration existent/,
    );
    // La base est restée intacte et se rouvre.
    const reopened = await bootstrap(loadConfig({ DATA_DIR: dataDir, RELAIS_DEMO: '0' }));
    await reopened.database.close();
  }, 180_000); // semis complet de l'histoire d'Alpha au premier démarrage

  it('active la démonstration par défaut en embarqué, pas avec DATABASE_URL', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://x/y', RELAIS_DEMO: '1' }).demo).toBe(true);
  });
});
