// La base devient injoignable en cours de route (serveur redémarré, réseau coupé) : chaque page répond 503 en
// français, rien n'est écrit à moitié, et le service reprend de lui-même quand la base revient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { startApp, type TestApp } from '../test/app';
import type { Db } from './db/database.server';

describe('base injoignable', () => {
  let services: TestServices;
  let app: TestApp;
  let reachable: Db;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    app = await startApp(services);
    reachable = services.database.app;
  });
  afterAll(() => services.database.close());

  /** Ce que renvoie le pilote quand le serveur ne répond plus (ECONNREFUSED, cause d'une erreur de Drizzle). */
  const cut = () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    services.database.app = {
      ...reachable,
      transaction: () => Promise.reject(new Error('Failed query', { cause: refused })),
    } as unknown as Db;
  };

  it('répond 503 « momentanément indisponible » en français, puis reprend quand la base revient', async () => {
    cut();
    for (const path of ['/connexion', '/accueil']) {
      const response = await app.fetch(path);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Relais est momentanément indisponible');
    }
    services.database.app = reachable;
    expect((await app.fetch('/connexion')).status).toBe(200);
  });
});
