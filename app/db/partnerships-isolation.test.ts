// Les partenariats sont lus par deux structures (celle qui propose, celle qui répond) : le test général d'isolement ne
// suffit pas. Chaque politique de drizzle/0031 est éprouvée ici, directement sous relais_app : une troisième structure
// ne voit rien, seule la proposante propose, seule l'autre répond, chacune des deux (et elles seules) met fin.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { makeStructure } from './builders.server';
import type { Database, Tx } from './database.server';
import { operatorTransaction, transaction } from './transaction.server';
import { partnerships } from '../platform/schema';

describe('isolement des partenariats', () => {
  let database: Database;
  let a: string;
  let b: string;
  let c: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const ids = await operatorTransaction(database, async (tx) =>
      Promise.all(['a', 'b', 'c'].map(async (slug) => (await makeStructure(tx, { slug, name: `Structure ${slug}` })).id)),
    );
    [a, b, c] = ids as [string, string, string];
  });
  afterAll(() => database.close());

  const as = <T>(structureId: string, work: (tx: Tx) => Promise<T>) => transaction(database, { structureId }, work);
  /** Le refus de PostgreSQL (politique ou contrainte), sous l'enveloppe de Drizzle ; null si la requête passe. */
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
    );
  /** Change l'état sous une structure : « refusé » (la politique lève une erreur), ou le nombre de lignes changées. */
  const attempt = (structureId: string, id: string, status: 'acceptee' | 'terminee') =>
    as(structureId, (tx) =>
      tx
        .update(partnerships)
        .set(status === 'acceptee' ? { status, answeredAt: sql`now()` } : { status })
        .where(eq(partnerships.id, id))
        .returning({ id: partnerships.id }),
    ).then(
      (rows) => rows.length,
      (error: Error) => (/row-level security/.test(String((error.cause as Error | undefined)?.message)) ? 'refusé' : Promise.reject(error)),
    );
  const statusOf = async (id: string) =>
    (
      await operatorTransaction(database, (tx) =>
        tx.select({ status: partnerships.status }).from(partnerships).where(eq(partnerships.id, id)),
      )
    )[0]?.status;

  it("seule la proposante crée la proposition, en son nom et à l'état « proposée »", async () => {
    expect(await refusal(as(c, (tx) => tx.insert(partnerships).values({ structureId: a, partnerId: b })))).toMatch(/row-level security/);
    expect(
      await refusal(
        as(a, (tx) => tx.insert(partnerships).values({ structureId: a, partnerId: b, status: 'acceptee', answeredAt: new Date() })),
      ),
    ).toMatch(/row-level security/);
    expect(await refusal(as(a, (tx) => tx.insert(partnerships).values({ structureId: a, partnerId: b })))).toBeNull();
  });

  it('les deux structures voient le partenariat, une troisième non', async () => {
    const seen = async (structureId: string) => (await as(structureId, (tx) => tx.select().from(partnerships))).length;
    expect(await seen(a)).toBe(1);
    expect(await seen(b)).toBe(1);
    expect(await seen(c)).toBe(0);
  });

  it("la proposante n'accepte pas sa propre proposition ; une troisième ne touche à rien ; l'autre accepte", async () => {
    const [row] = await operatorTransaction(database, (tx) => tx.select().from(partnerships));
    expect(await attempt(a, row!.id, 'acceptee')).toBe('refusé');
    expect(await attempt(c, row!.id, 'acceptee')).toBe(0);
    expect(await statusOf(row!.id)).toBe('proposee');
    expect(await attempt(b, row!.id, 'acceptee')).toBe(1);
    expect(await statusOf(row!.id)).toBe('acceptee');
  });

  it("une troisième ne met pas fin au partenariat ; l'une des deux le peut, et il ne revient pas en arrière", async () => {
    const [row] = await operatorTransaction(database, (tx) => tx.select().from(partnerships));
    expect(await attempt(c, row!.id, 'terminee')).toBe(0);
    expect(await statusOf(row!.id)).toBe('acceptee');
    expect(await attempt(b, row!.id, 'terminee')).toBe(1);
    expect(await attempt(a, row!.id, 'acceptee')).toBe(0);
    expect(await statusOf(row!.id)).toBe('terminee');
  });
});
