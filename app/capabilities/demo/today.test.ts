// Une démonstration ouverte trois jours après son semis rattrape ces jours et ouvre la matinée : sollicitations
// jusqu'à l'instant présent (jamais après), des personnes qui attendent, chaque acte sous mandat au journal, et
// rien de plus si on la rouvre le même jour.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { sqlRows, type Database } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { verifyJournals } from '../mandates/journal.server';
import { seedDemo, STORIES } from './seed-demo.server';
import { liveDemoDay } from './today.server';

describe('la démonstration vit au jour le jour', () => {
  let database: Database;
  const read = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    operatorTransaction(database, (tx) => sqlRows<T>(tx, query));
  const seededOn = new Date('2026-11-30T07:00:00Z'); // un lundi, avant l'ouverture
  const openedAt = new Date('2026-12-03T10:30:00Z'); // le jeudi, en milieu de matinée (11 h 30 à Paris)

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { small: true, today: seededOn });
  }, 120_000);
  afterAll(() => database.close());

  it('rattrape les jours ouvrés depuis le semis, la matinée comprise, sans rien écrire après l’instant présent', async () => {
    const written = await liveDemoDay(database, STORIES, openedAt);
    expect(written).toBeGreaterThan(150);
    const days = await read<{ day: string; n: number }>(sql`
      select to_char(occurred_at at time zone 'Europe/Paris', 'YYYY-MM-DD') as day, count(*)::int as n
      from solicitations s join structures t on t.id = s.structure_id
      where t.slug = 'alpha' and occurred_at >= '2026-11-30' group by 1 order by 1`);
    expect(days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    const [after] = await read<{ n: number }>(sql`select count(*)::int as n from solicitations where occurred_at > ${openedAt}`);
    expect(after!.n).toBe(0);
    // Les compteurs mensuels suivent.
    const [counts] = await read<{ counted: number; actual: number }>(sql`
      select (select sum(count)::int from solicitation_month_counts) as counted, (select count(*)::int from solicitations) as actual`);
    expect(counts!.counted).toBe(counts!.actual);
  });

  it('met des personnes en attente à l’accueil, et une en cours de prise en charge', async () => {
    const queue = await read<{ waiting: number; taken: number }>(sql`
      select count(*) filter (where taken_at is null)::int as waiting,
             count(*) filter (where taken_at is not null and not exists (select 1 from solicitations s where s.queue_entry_id = q.id))::int as taken
      from queue_entries q join structures t on t.id = q.structure_id
      where t.slug = 'alpha' and arrived_at >= '2026-12-03T00:00:00+01' and left_at is null`);
    expect(queue[0]).toEqual({ waiting: 4, taken: 1 });
  });

  it('couvre chaque démarche faite à la place par un mandat, prolonge le journal, et ne refait rien le même jour', async () => {
    const [acts] = await read<{ acts: number; done: number }>(sql`
      select (select count(*)::int from mandate_acts) as acts,
             (select count(*)::int from solicitations where mode = 'fait_a_la_place' and person_id is not null) as done`);
    expect(acts!.acts).toBe(acts!.done);
    for (const report of await verifyJournals(database)) expect(report.check.ok, report.slug).toBe(true);
    expect(await liveDemoDay(database, STORIES, new Date(openedAt.getTime() + 3_600_000))).toBe(0);
    const [entries] = await read<{ n: number }>(sql`select count(*)::int as n from queue_entries where taken_at is null`);
    expect(entries!.n).toBe(4 * 2); // Alpha et Beta, une seule fois
  });
});
