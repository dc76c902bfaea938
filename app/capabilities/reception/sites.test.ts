// Les lieux d'accueil à la saisie : proposés (le dernier de l'agent), enregistrés, jamais ceux d'une autre structure.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { places } from '../directory/schema';
import { solicitations } from './schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { formDefaults, logSolicitation } from './log-solicitation.server';
import { solicitationSchema } from './rules';
import { receptionSitesIn } from './sites.server';
import { call } from '../../../test/request';
import { placeRow } from '../directory/builders.server';

describe("accueil : lieux d'accueil", () => {
  let services: TestServices;
  let julien: Actor;
  let lucie: Actor;
  let thomas: Actor;
  const ids: Record<string, string> = {};

  const place = (structureId: string, name: string, change: Parameters<typeof placeRow>[2] = {}) =>
    placeRow(structureId, name, { receptionSite: true, ...change });
  const input = (sites: readonly string[], site?: string) =>
    solicitationSchema(services.now(), undefined, sites).parse({
      occurredAt: '2026-11-26T09:30',
      organisation: 'caf',
      channel: 'sur_place',
      level: 'inclusion',
      mode: 'accompagne',
      durationMinutes: '20',
      outcome: 'fait',
      site,
    });

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    services.clock.now = new Date('2026-11-26T10:00:00');
    ({
      'julien@alpha': julien,
      'lucie@alpha': lucie,
      'thomas@beta': thomas,
    } = await makeAgents(services.database, {
      'julien@alpha': 'mediateur',
      'lucie@alpha': 'mediateur',
      'thomas@beta': 'mediateur',
    }));
    await operatorTransaction(services.database, async (tx) => {
      const rows = await tx
        .insert(places)
        .values([
          place(julien.structureId, 'CCAS — siège'),
          place(julien.structureId, 'Permanence des Fontaines'),
          place(julien.structureId, 'Ancienne antenne', { active: false }),
          place(julien.structureId, 'Médiathèque', { receptionSite: false }),
          place(thomas.structureId, 'CCAS de Beta'),
        ])
        .returning();
      for (const row of rows) ids[row.name] = row.id;
    });
  });
  afterAll(() => services.database.close());

  it("propose les lieux d'accueil ouverts, le premier tant que l'agent n'en a pas, puis son dernier", async () => {
    const first = await call(services, julien, formDefaults, null);
    expect(first.sites.map((s) => s.name)).toEqual(['CCAS — siège', 'Permanence des Fontaines']);
    expect(first.site).toBe(ids['CCAS — siège']);
    const sites = first.sites.map((s) => s.id);
    await call(
      services,
      julien,
      logSolicitation,
      { kind: 'anonyme', gender: null, ageBand: null, commune: null },
      input(sites, ids['Permanence des Fontaines']),
    );
    expect((await call(services, julien, formDefaults, null)).site).toBe(ids['Permanence des Fontaines']);
    // Le lieu de Julien n'est pas celui de Lucie.
    expect((await call(services, lucie, formDefaults, null)).site).toBe(ids['CCAS — siège']);
    // Le pilotage garde aussi le lieu retiré, pour l'histoire.
    const withRetired = await transaction(services.database, julien, (tx) =>
      receptionSitesIn(tx, julien.structureId, { withRetired: true }),
    );
    expect(withRetired.map((s) => s.name)).toContain('Ancienne antenne');
  });

  it('enregistre le lieu avec la sollicitation, et la base refuse le lieu d’une autre structure', async () => {
    const logged = await call(
      services,
      thomas,
      logSolicitation,
      { kind: 'anonyme', gender: null, ageBand: null, commune: null },
      input([ids['CCAS de Beta']!]),
    );
    const [row] = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(solicitations)
        .where(eq(solicitations.id, logged.ok ? logged.id : '')),
    );
    expect(row?.siteId).toBe(ids['CCAS de Beta']);
    // Même en contournant le formulaire, une sollicitation d'Alpha ne peut pas désigner un lieu de Beta.
    const foreign = transaction(services.database, julien, (tx) =>
      tx.insert(solicitations).values({
        structureId: julien.structureId,
        mediatorId: julien.userId,
        occurredAt: new Date(),
        channel: 'sur_place',
        level: 'inclusion',
        mode: 'accompagne',
        organisations: ['caf'],
        durationMinutes: 10,
        outcome: 'fait',
        siteId: ids['CCAS de Beta'],
      }),
    );
    await expect(foreign).rejects.toSatisfy((e: Error) =>
      /solicitations_site_fk/.test(String((e.cause as Error | undefined)?.message ?? e.message)),
    );
  });
});
