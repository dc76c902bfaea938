// La démonstration obéit aux règles du produit : chaque démarche faite à la place d'une personne identifiée a son
// mandat signé avant elle et son acte au journal, chaque année a ses mandats signés, et le journal se vérifie.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { sqlRows, type Database } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { verifyJournals } from '../mandates/journal.server';
import { seedDemo } from './seed-demo.server';

describe('les mandats de la démonstration', () => {
  let database: Database;
  const read = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    operatorTransaction(database, (tx) => sqlRows<T>(tx, query));

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { small: true, today: new Date('2026-12-03T08:00:00Z') });
  }, 120_000);
  afterAll(() => database.close());

  it('couvrent chaque démarche faite à la place d’une personne identifiée, par un mandat signé avant elle', async () => {
    const uncovered = await read<{ n: number }>(sql`
      select count(*)::int as n from solicitations s
      where s.mode = 'fait_a_la_place' and s.person_id is not null
        and not exists (
          select 1 from mandate_acts a join mandates m on m.structure_id = a.structure_id and m.id = a.mandate_id
          where a.structure_id = s.structure_id and a.solicitation_id = s.id
            and m.signed_at <= s.occurred_at and s.occurred_at < m.expires_at
            and (m.revoked_at is null or s.occurred_at < m.revoked_at))`);
    expect(uncovered[0]!.n).toBe(0);
    const [{ acts, done }] = (await read<{ acts: number; done: number }>(sql`
      select (select count(*)::int from mandate_acts) as acts,
             (select count(*)::int from solicitations where mode = 'fait_a_la_place' and person_id is not null) as done`)) as [
      { acts: number; done: number },
    ];
    expect(done).toBeGreaterThan(50);
    expect(acts).toBe(done);
  });

  it('sont signés chaque année où l’on a fait à la place, se renouvellent, et le journal se vérifie', async () => {
    const years = await read<{ year: number; done: number; signed: number }>(sql`
      select y.year, y.done,
        (select count(*)::int from mandates m where extract(year from m.signed_at)::int = y.year) as signed
      from (select extract(year from occurred_at)::int as year, count(*)::int as done from solicitations
            where mode = 'fait_a_la_place' and person_id is not null group by 1) y order by 1`);
    expect(years.length).toBeGreaterThanOrEqual(4);
    for (const year of years) expect(year.signed, String(year.year)).toBeGreaterThan(0);
    const [renewed] = await read<{ n: number }>(sql`select count(*)::int as n from mandates where renewal_of is not null`);
    expect(renewed!.n).toBeGreaterThan(0);
    const [pending] = await read<{ n: number }>(sql`select count(*)::int as n from mandates where signed_at is null`);
    expect(pending!.n).toBeGreaterThan(0);
    for (const report of await verifyJournals(database)) expect(report.check.ok, report.slug).toBe(true);
  });
});
