// Les compteurs mensuels tenus par les déclencheurs : toujours égaux à un recomptage des sollicitations (insertion
// en masse, changement de mode ou de mois, suppression), au mois de Paris, et rangés chez la structure qui écrit.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../../test/agents';
import { createTestDatabase } from '../../../test/database';
import { sqlRows, type Database } from '../../db/database.server';
import { solicitationMonthCounts, solicitations } from '../reception/schema';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import { zoneSql } from '../../platform/time.server';
import { solicitationRow } from '../reception/builders.server';
import type { Mode } from '../reception/vocabulary';

type Count = { month: string; mode: string; count: number };

describe('compteurs mensuels des sollicitations', () => {
  let database: Database;
  let alpha: Actor;
  let beta: Actor;

  beforeAll(async () => {
    database = await createTestDatabase();
    const agents = await makeAgents(database, { 'julien@alpha': 'mediateur', 'thomas@beta': 'mediateur' });
    alpha = agents['julien@alpha'];
    beta = agents['thomas@beta'];
  });
  afterAll(() => database.close());

  const counters = (actor: Actor) =>
    transaction(database, actor, (tx) =>
      sqlRows<Count>(
        tx,
        sql`select month::text, mode, count from solicitation_month_counts where structure_id = ${actor.structureId} and count <> 0 order by 1, 2`,
      ),
    );
  const recount = (actor: Actor) =>
    operatorTransaction(database, (tx) =>
      sqlRows<Count>(
        tx,
        sql`select date_trunc('month', occurred_at at time zone ${zoneSql()})::date::text as month, mode, count(*)::int as count
          from solicitations where structure_id = ${actor.structureId} group by 1, 2 order by 1, 2`,
      ),
    );
  const row = (actor: Actor, at: string, mode: Mode) =>
    solicitationRow(actor.structureId, actor.userId, { occurredAt: new Date(at), mode, durationMinutes: 15 });

  it('compte une insertion en masse au mois de Paris (le 31 à 23 h 30 UTC est déjà le mois suivant)', async () => {
    await transaction(database, alpha, (tx) =>
      tx
        .insert(solicitations)
        .values([
          row(alpha, '2026-01-31T23:30:00Z', 'forme'),
          row(alpha, '2026-01-15T10:00:00Z', 'forme'),
          row(alpha, '2026-01-16T10:00:00Z', 'fait_a_la_place'),
        ]),
    );
    expect(await counters(alpha)).toEqual([
      { month: '2026-01-01', mode: 'fait_a_la_place', count: 1 },
      { month: '2026-01-01', mode: 'forme', count: 1 },
      { month: '2026-02-01', mode: 'forme', count: 1 },
    ]);
    expect(await counters(alpha)).toEqual(await recount(alpha));
  });

  it('suit un changement de mode ou de date, et une suppression', async () => {
    await transaction(database, alpha, (tx) =>
      tx.update(solicitations).set({ mode: 'accompagne' }).where(eq(solicitations.mode, 'fait_a_la_place')),
    );
    await operatorTransaction(database, (tx) =>
      tx
        .update(solicitations)
        .set({ occurredAt: new Date('2025-12-10T10:00:00Z') })
        .where(eq(solicitations.occurredAt, new Date('2026-01-15T10:00:00Z'))),
    );
    expect(await counters(alpha)).toEqual(await recount(alpha));
    await operatorTransaction(database, (tx) => tx.delete(solicitations).where(eq(solicitations.mode, 'accompagne')));
    expect(await counters(alpha)).toEqual([
      { month: '2025-12-01', mode: 'forme', count: 1 },
      { month: '2026-02-01', mode: 'forme', count: 1 },
    ]);
    expect(await counters(alpha)).toEqual(await recount(alpha));
  });

  it('range les comptes chez la structure qui écrit ; une autre ne les lit ni ne les écrit', async () => {
    await transaction(database, beta, (tx) => tx.insert(solicitations).values(row(beta, '2026-03-03T10:00:00Z', 'forme')));
    expect(await counters(beta)).toEqual([{ month: '2026-03-01', mode: 'forme', count: 1 }]);
    const seen = await transaction(database, beta, (tx) => tx.select().from(solicitationMonthCounts));
    expect(seen.every((c) => c.structureId === beta.structureId)).toBe(true);
    await expect(
      transaction(database, beta, (tx) =>
        tx.insert(solicitationMonthCounts).values({ structureId: alpha.structureId, month: '2026-03-01', mode: 'forme', count: 99 }),
      ),
    ).rejects.toThrow();
  });
});
