// Une requête, une transaction (décision 012) : prouvé sur de vraies requêtes HTTP, et sur la règle de validation.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../test/database';
import { makeAgents } from '../../test/agents';
import { agentCookie, agentSession, countTransactions, startApp, type TestApp } from '../../test/app';
import { auditEvents, sessions } from './schema';
import { operatorTransaction } from '../db/transaction.server';
import type { Actor } from './policies';
import { inRequestTransaction } from './request.server';
import { recordAudit } from './audit.server';
import { applySettings } from '../db/transaction.server';

let services: TestServices;
let app: TestApp;
let reception: Actor;
let cookie: string;

beforeAll(async () => {
  // Le battement du flux d'événements est accéléré pour voir un flux se fermer après la déconnexion.
  services = testServices(await createTestDatabase(), { RELAIS_SSE_HEARTBEAT_MS: '100' });
  ({ 'reception@alpha': reception } = await makeAgents(services.database, { 'reception@alpha': 'accueil' }));
  app = await startApp(services);
  cookie = await agentCookie(services, reception);
});
afterAll(async () => {
  await services.database.close();
});

describe('une requête, une transaction', () => {
  it.each(['/accueil', '/sollicitations/nouvelle', '/sollicitations', '/'])(
    '%s (loaders de la racine et de la page) ouvre une seule transaction',
    async (path) => {
      const counter = countTransactions(services);
      try {
        const response = await app.fetch(path, { headers: { cookie } });
        expect(response.status).toBe(200);
        await response.text();
        expect(counter.count).toBe(1);
      } finally {
        counter.restore();
      }
    },
  );

  const auditedIn = async (status: number) => {
    const marker = crypto.randomUUID();
    const response = await inRequestTransaction(services.database, async (tx) => {
      await applySettings(tx, reception);
      await recordAudit(tx, reception, 'audit.consulte', { type: 'essai', id: marker });
      return new Response(null, { status });
    });
    expect(response.status).toBe(status);
    return operatorTransaction(services.database, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.targetId, marker)));
  };

  it('valide ce qu’une réponse réussie, redirigée ou refusée (4xx) a écrit', async () => {
    for (const status of [200, 302, 400, 404]) expect(await auditedIn(status)).toHaveLength(1);
  });

  it('annule tout ce qu’une requête a écrit quand elle finit en erreur 5xx ou par une exception', async () => {
    expect(await auditedIn(500)).toHaveLength(0);
    const marker = crypto.randomUUID();
    await expect(
      inRequestTransaction(services.database, async (tx) => {
        await applySettings(tx, reception);
        await recordAudit(tx, reception, 'audit.consulte', { type: 'essai', id: marker });
        throw new Error('panne');
      }),
    ).rejects.toThrow('panne');
    const rows = await operatorTransaction(services.database, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.targetId, marker)),
    );
    expect(rows).toHaveLength(0);
  });
});

describe('pages et fichiers sans cache', () => {
  it.each(['/accueil', '/sollicitations', '/connexion', '/cette-page-n-existe-pas'])('%s : Cache-Control: no-store', async (path) => {
    const response = await app.fetch(path, { headers: { cookie } });
    await response.text();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('flux en direct de la file', () => {
  it('se ferme de lui-même quand la session de l’agent est fermée', async () => {
    const own = await agentSession(services, reception);
    const response = await app.fetch('/accueil/evenements', { headers: { cookie: own.cookie } });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('retry');
    await operatorTransaction(services.database, (tx) => tx.delete(sessions).where(eq(sessions.id, own.sessionId)));
    let done = false;
    for (let i = 0; i < 30 && !done; i++) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
