// Une requête qui échoue sur une erreur de la base : le journal du serveur dit le numéro de la requête et le code de
// l'erreur, jamais la requête SQL ni ses paramètres (ici, le nom cherché d'une personne).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeAgents } from '../test/agents';
import { agentCookie, startApp, type TestApp } from '../test/app';
import { createTestDatabase, testServices, type TestServices } from '../test/database';
import { makePerson } from './capabilities/reception/builders.server';
import { operatorTransaction } from './db/transaction.server';
import { errorSummary } from './platform/jobs/rules';
import type { Actor } from './platform/policies';

let services: TestServices;
let app: TestApp;
let agent: Actor;

beforeAll(async () => {
  services = testServices(await createTestDatabase());
  ({ 'julie@alpha': agent } = await makeAgents(services.database, { 'julie@alpha': 'mediateur' }));
  await operatorTransaction(services.database, (tx) =>
    makePerson(tx, agent.structureId, { firstName: 'Hélène', lastName: 'Quelquechose' }),
  );
  app = await startApp(services);
});
afterAll(() => services.database.close());

describe('journaux sans données personnelles', () => {
  it('une erreur de la base pendant une recherche de personne : numéro de requête et code, pas le nom cherché', async () => {
    const cookie = await agentCookie(services, agent);
    await operatorTransaction(services.database, (tx) => tx.execute(sql`alter table persons rename to persons_cachees`));
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    try {
      const response = await app.fetch('/sollicitations/nouvelle?q=Quelquechose', { headers: { cookie, 'x-relais-requete': 'essai42' } });
      await response.text();
      expect(response.status).toBe(500);
    } finally {
      spy.mockRestore();
      await operatorTransaction(services.database, (tx) => tx.execute(sql`alter table persons_cachees rename to persons`));
    }
    const journal = lines.join('\n');
    expect(journal).toContain('[requête essai42]');
    expect(journal).toContain('code 42P01');
    expect(journal.toLowerCase()).not.toContain('quelquechose');
    expect(journal).not.toMatch(/select|persons_cachees|params/i);
  });

  it("ce qu'un responsable lit d'un envoi en échec ne reprend pas une requête SQL", () => {
    const failure = Object.assign(new Error('Failed query: select * from persons where search_name like $1\nparams: %helene%'), {
      cause: { code: '42P01' },
    });
    expect(errorSummary(failure)).toBe('Erreur de la base de données (code 42P01)');
    expect(errorSummary(new Error('connect ECONNREFUSED 127.0.0.1:25'))).toBe('connect ECONNREFUSED 127.0.0.1:25');
  });
});
