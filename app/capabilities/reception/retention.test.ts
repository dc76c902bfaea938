// La purge de conservation sur l'histoire de démonstration d'Alpha (4 ans) : l'activité de plus de 2 ans perd ses
// liens et ses textes, les fiches sans activité sont signalées puis anonymisées 30 jours après, une personne revenue
// garde sa fiche ; les chiffres du pilotage et du rapport annuel sont identiques avant et après ; l'essai ne change
// rien. Et la purge couvre exactement les colonnes que le registre veut effacer ou pseudonymiser.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServices, type TestServices } from '../../../test/database';
import { call, callScoped } from '../../../test/request';
import { seedDemo } from '../demo/seed-demo.server';
import { COLUMN_CLASSIFICATION } from '../../db/classification';
import { sqlRows } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { tableChecksum } from '../../platform/backup/backup.server';
import { memberships, structures, users } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import { purgeInstance } from '../../retention.server';
import { readDashboard } from '../steering/dashboard.server';
import { readAnnualFigures } from '../steering/annual-report.server';
import { openDataCells } from '../steering/open-data.server';
import type { SteeringFilters } from '../steering/filters';
import { makeSolicitation } from './builders.server';
import { readPersonFile } from './person-file.server';
import { ANONYMOUS_NAME, PURGED_COLUMNS } from './retention.server';
import { persons } from './schema';

describe('purge de conservation', () => {
  let services: TestServices;
  let manager: Actor;
  let mediator: Actor;
  const purge = (dryRun = false) =>
    purgeInstance(services.database, { now: services.now(), sessionIdleMinutes: 60, dryRun }).then((report) =>
      report.structures.find((s) => s.slug === 'alpha')!,
    );
  const sums = () =>
    operatorTransaction(services.database, async (tx) => {
      const result: Record<string, string> = {};
      for (const table of Object.keys(PURGED_COLUMNS)) result[table] = await tableChecksum(tx, table);
      return result;
    });

  /** Ce que montre le pilotage : toute l'histoire, puis par tranche d'âge et par commune ; le rapport de chaque année. */
  async function figures() {
    const whole: SteeringFilters = { du: '2022-01-01', au: '2026-11-26' };
    const views = [
      whole,
      { ...whole, age: 'soixante_dix_plus' },
      { ...whole, age: 'vingt_cinq_trente_neuf' },
      { ...whole, commune: 'Alpha' },
    ];
    const dashboards = [];
    for (const filters of views) dashboards.push(await call(services, manager, readDashboard, filters));
    const reports = [];
    for (const year of [2022, 2023, 2024, 2025, 2026]) reports.push(await call(services, manager, readAnnualFigures, year));
    const openData = await callScoped(services, openDataCells, manager.structureId);
    return { dashboards, reports, openData };
  }

  beforeAll(async () => {
    services = testServices(await createTestDatabase());
    await seedDemo(services.database, { small: true, today: services.now() });
    // La commune d'une personne sur deux : le filtre par commune du pilotage a de quoi compter.
    await operatorTransaction(services.database, (tx) =>
      tx.execute(sql`update persons set commune_name = 'Alpha', postal_code = '37000' where coalesce(birth_year, 0) % 2 = 0`),
    );
    const members = await operatorTransaction(services.database, (tx) =>
      tx
        .select({ userId: users.id, email: users.email, structureId: memberships.structureId, slug: structures.slug })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(structures, eq(structures.id, memberships.structureId)),
    );
    const member = (email: string) => members.find((m) => m.email === email && m.slug === 'alpha')!;
    manager = { ...member('direction@alpha.test'), role: 'responsable' };
    mediator = { ...member('mediation@alpha.test'), role: 'mediateur' };
  });
  afterAll(() => services.database.close());

  it('purge exactement les colonnes que le registre veut effacer ou pseudonymiser', () => {
    for (const [table, columns] of Object.entries(PURGED_COLUMNS)) {
      const wanted = Object.entries(COLUMN_CLASSIFICATION[table]!)
        .filter(([, c]) => c.anonymisation === 'effacer' || c.anonymisation === 'pseudonymiser')
        .map(([name]) => name);
      expect([...columns].sort(), table).toEqual(wanted.sort());
    }
  });

  it('détache l’activité de plus de 2 ans sans changer un seul chiffre ; l’essai ne change rien', async () => {
    const before = await figures();
    const untouched = await sums();
    const rehearsal = await purge(true);
    expect(rehearsal.solicitations).toBeGreaterThan(20);
    expect(rehearsal.personsWarned).toBeGreaterThan(0);
    expect(await sums(), 'l’essai n’a rien écrit').toEqual(untouched);

    expect(await purge()).toEqual(rehearsal);
    const left = await operatorTransaction(services.database, (tx) =>
      sqlRows(
        tx,
        sql`select id from solicitations where occurred_at < ${services.now()}::timestamptz - interval '24 months'
          and (person_id is not null or procedure is not null or notes is not null or next_step is not null)`,
      ),
    );
    expect(left).toEqual([]);
    expect(await figures()).toEqual(before);
    // Une deuxième purge le même jour n'a plus rien à faire.
    expect(await purge()).toMatchObject({ solicitations: 0, queueEntries: 0, personsWarned: 0, personsAnonymised: 0 });
  });

  it('signale une fiche sans activité, l’anonymise 30 jours après ; une personne revenue entre-temps garde sa fiche', async () => {
    const warned = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(persons)
        .where(and(eq(persons.structureId, manager.structureId), sql`${persons.retentionWarnedAt} is not null`)),
    );
    expect(warned.length).toBeGreaterThan(1);
    const [gone, back] = warned;
    const file = await call(services, mediator, readPersonFile, gone!.id);
    expect(file!.retention).toEqual({ kind: 'signalee', from: new Date(services.now().getTime() + 30 * 86_400_000) });
    // La personne revient : une sollicitation la garde.
    await operatorTransaction(services.database, (tx) =>
      makeSolicitation(tx, manager.structureId, mediator.userId, { personId: back!.id, occurredAt: services.now() }),
    );
    const before = await figures();
    services.clock.now = new Date(services.now().getTime() + 29 * 86_400_000);
    expect((await purge()).personsAnonymised, 'pas avant 30 jours').toBe(0);
    services.clock.now = new Date(services.now().getTime() + 2 * 86_400_000);
    expect((await purge()).personsAnonymised).toBeGreaterThan(0);
    const after = await operatorTransaction(services.database, (tx) =>
      tx
        .select()
        .from(persons)
        .where(sql`${persons.id} in (${gone!.id}, ${back!.id})`),
    );
    expect(after.find((p) => p.id === gone!.id)).toMatchObject({
      firstName: ANONYMOUS_NAME,
      lastName: null,
      searchName: '',
      phone: null,
      email: null,
      statsKey: null,
      birthYear: gone!.birthYear, // gardée au registre : les statistiques par âge ne bougent pas
      communeName: gone!.communeName,
    });
    expect(after.find((p) => p.id === back!.id)).toMatchObject({ firstName: back!.firstName, anonymisedAt: null });
    expect((await call(services, mediator, readPersonFile, gone!.id))!.retention).toMatchObject({ kind: 'anonymisee' });
    expect((await call(services, mediator, readPersonFile, back!.id))!.retention).toBeNull();
    const { reports, openData } = await figures();
    expect(reports.slice(0, 4)).toEqual(before.reports.slice(0, 4));
    // Un mois de plus est complet (et publié) : les mois déjà publiés n'ont pas bougé.
    const published = new Set(before.openData.map((cell) => cell.month));
    expect(openData.filter((cell) => published.has(cell.month))).toEqual(before.openData);
  });
});
