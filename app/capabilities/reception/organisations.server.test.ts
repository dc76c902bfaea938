import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { auditEvents } from '../../platform/schema';
import { localOrganisations } from './schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { addLocalOrganisation, catalogIn, setLocalOrganisationActive } from './organisations.server';
import { call } from '../../../test/request';

describe('organismes propres à une structure', () => {
  let services: TestServices;
  let manager: Actor;
  let other: Actor;

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    const agents = await makeAgents(services.database, { 'sophie@alpha': 'responsable', 'thomas@beta': 'responsable' });
    manager = agents['sophie@alpha'];
    other = agents['thomas@beta'];
  });
  afterAll(() => services.database.close());

  it('ajoute un organisme au catalogue de la seule structure, et le trace', async () => {
    const code = await call(services, manager, addLocalOrganisation, { label: "Mission locale d'Alpha", theme: 'travail_formation' });
    expect(code).toBe('local_mission_locale_d_alpha');
    expect((await call(services, manager, ({ tx }) => catalogIn(tx)))[code as string]).toMatchObject({
      label: "Mission locale d'Alpha",
      active: true,
      local: true,
    });
    expect(await call(services, other, ({ tx }) => catalogIn(tx))).not.toHaveProperty(code as string);
    const audit = await transaction(services.database, manager, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'organisme.ajoute')),
    );
    expect(audit).toHaveLength(1);
  });

  it('répond « déjà ajouté » quand deux agents ajoutent le même nom en même temps', async () => {
    expect(await call(services, manager, addLocalOrganisation, { label: "MISSION LOCALE D'ALPHA", theme: null })).toBe(false);
  });

  it('retire puis remet un organisme sans rien effacer ; ne touche pas à celui d’une autre structure', async () => {
    expect(await call(services, manager, setLocalOrganisationActive, 'local_mission_locale_d_alpha', false)).toBe(true);
    expect((await call(services, manager, ({ tx }) => catalogIn(tx))).local_mission_locale_d_alpha?.active).toBe(false);
    expect(await call(services, other, setLocalOrganisationActive, 'local_mission_locale_d_alpha', true)).toBe(false);
    expect(await call(services, manager, setLocalOrganisationActive, 'local_mission_locale_d_alpha', true)).toBe(true);
    const rows = await operatorTransaction(services.database, (tx) => tx.select().from(localOrganisations));
    expect(rows).toHaveLength(1);
  });

  it('refuse en base un code qui masquerait la liste nationale', async () => {
    await expect(
      transaction(services.database, manager, (tx) =>
        tx.insert(localOrganisations).values({ structureId: manager.structureId, code: 'caf', label: 'Fausse CAF' }),
      ),
    ).rejects.toThrow();
  });
});
