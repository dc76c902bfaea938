import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { sqlRows, type Database } from '../../db/database.server';
import { operatorTransaction, transaction } from '../../db/transaction.server';
import { readIndicators } from '../steering/indicators.server';
import { seedNational } from './national.server';

describe('jeu de données national', () => {
  let database: Database;
  const today = new Date('2026-11-26T10:00:00');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('engendre des structures complètes, une seule fois, avec une autonomie qui progresse', async () => {
    expect(await seedNational(database, 2, today, () => {}, 2000)).toBe(2);
    expect(await seedNational(database, 2, today, () => {}, 2000)).toBe(0);
    const rows = await operatorTransaction(database, (tx) =>
      sqlRows<{ slug: string; n: number; mediators: number; persons: number }>(
        tx,
        sql`select s.slug, (select count(*)::int from solicitations where structure_id = s.id) as n,
            (select count(*)::int from memberships where structure_id = s.id) as mediators,
            (select count(*)::int from persons where structure_id = s.id) as persons
          from structures s order by s.slug`,
      ),
    );
    expect(rows).toEqual([
      { slug: 'national-001', n: 2000, mediators: 3, persons: 2000 },
      { slug: 'national-002', n: 2000, mediators: 3, persons: 2000 },
    ]);
    const [structure] = await operatorTransaction(database, (tx) =>
      sqlRows<{ id: string }>(tx, sql`select id from structures where slug = 'national-002'`),
    );
    const indicators = await transaction(database, { structureId: structure!.id }, (tx) =>
      readIndicators(tx, structure!.id, { du: '2022-11-26', au: '2026-11-26' }),
    );
    expect(indicators.byYear.reduce((sum, y) => sum + y.count, 0)).toBe(2000);
    // Plus de demandes chaque année, et une part de « fait à la place » qui baisse.
    const share = (year: number) => {
      const all = indicators.byYearMode.filter((r) => r.year === year).reduce((s, r) => s + r.count, 0);
      return (indicators.byYearMode.find((r) => r.year === year && r.mode === 'fait_a_la_place')?.count ?? 0) / all;
    };
    expect(indicators.byYear.at(-2)!.count).toBeGreaterThan(indicators.byYear[1]!.count);
    expect(share(2023)).toBeGreaterThan(share(2026));
  });
});
