// Un CCAS d'outre-mer (TZ=America/Cayenne) voit sa propre horloge : dans les pages rendues par le serveur et dans
// les compteurs mensuels que tient la base. Ce fichier règle le fuseau de tout son processus de test.
process.env.TZ = 'America/Cayenne';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../test/agents';
import { agentCookie, startApp, type TestApp } from '../test/app';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { call } from '../test/request';
import { logSolicitation } from './capabilities/reception/log-solicitation.server';
import { registerArrival } from './capabilities/reception/queue.server';
import { arrivalSchema, solicitationSchema } from './capabilities/reception/rules';
import { solicitationMonthCounts } from './capabilities/reception/schema';
import { operatorTransaction } from './db/transaction.server';
import type { Actor } from './platform/policies';
import { setTimeZone } from './platform/time';

let services: TestServices;
let app: TestApp;
let agent: Actor;

beforeAll(async () => {
  setTimeZone('America/Cayenne');
  services = testServices(await createTestDatabase(), { TZ: 'America/Cayenne' });
  ({ 'julie@alpha': agent } = await makeAgents(services.database, { 'julie@alpha': 'mediateur' }));
  app = await startApp(services);
});
afterAll(() => services.database.close());

describe('fuseau de la structure (Guyane)', () => {
  it("affiche l'heure d'arrivée à l'heure de Cayenne, pas à celle de Paris", async () => {
    services.clock.now = new Date('2026-11-26T12:00:00Z'); // 9 h à Cayenne, 13 h à Paris
    await call(services, agent, registerArrival, arrivalSchema().parse({ displayName: 'Maïwenn' }));
    const page = await (await app.fetch('/accueil', { headers: { cookie: await agentCookie(services, agent) } })).text();
    expect(page).toContain('09:00');
    expect(page).not.toContain('13:00');
  });

  it('compte une sollicitation du 30 novembre à 23 h (heure de Cayenne) dans le mois de novembre', async () => {
    services.clock.now = new Date('2026-12-01T12:00:00Z');
    const input = solicitationSchema(services.now()).parse({
      occurredAt: '2026-11-30T23:00',
      organisation: 'caf',
      channel: 'sur_place',
      level: 'inclusion',
      mode: 'accompagne',
      durationMinutes: '20',
      outcome: 'fait',
    });
    expect(input.occurredAt).toEqual(new Date('2026-12-01T02:00:00Z'));
    await call(services, agent, logSolicitation, { kind: 'anonyme', gender: null, ageBand: null, commune: null }, input);
    const counts = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ month: solicitationMonthCounts.month, count: solicitationMonthCounts.count })
        .from(solicitationMonthCounts)
        .where(and(eq(solicitationMonthCounts.structureId, agent.structureId), eq(solicitationMonthCounts.mode, 'accompagne'))),
    );
    expect(counts).toEqual([{ month: '2026-11-01', count: 1 }]);
  });
});
