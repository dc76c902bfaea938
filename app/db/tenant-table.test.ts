// La politique standard d'une table d'une structure, posée par relais_tenant_table (migration 0026) : RLS activée et
// forcée, une structure ne lit ni n'écrit les lignes d'une autre, droits limités à ceux demandés.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAgents } from '../../test/agents';
import { createTestDatabase } from '../../test/database';
import type { Actor } from '../platform/policies';
import { sqlRows, type Database } from './database.server';
import { operatorTransaction, transaction } from './transaction.server';

let database: Database;
let alpha: Actor;
let beta: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ 'ana@alpha': alpha, 'bob@beta': beta } = await makeAgents(database, { 'ana@alpha': 'mediateur', 'bob@beta': 'mediateur' }));
  await database.exec(`
    CREATE TABLE essais (structure_id uuid NOT NULL, id uuid NOT NULL DEFAULT gen_random_uuid(), texte text, PRIMARY KEY (structure_id, id));
    SELECT relais_tenant_table('essais', 'SELECT, INSERT');`);
});
afterAll(() => database.close());

const insert = (actor: Actor, structureId: string) =>
  transaction(database, actor, (tx) => tx.execute(sql`insert into essais (structure_id, texte) values (${structureId}, 'ligne')`));
const read = (actor: Actor) => transaction(database, actor, (tx) => sqlRows<{ texte: string }>(tx, sql`select texte from essais`));

describe('relais_tenant_table', () => {
  it('force la RLS : chaque structure ne voit que ses lignes, et ne peut écrire pour une autre', async () => {
    await insert(alpha, alpha.structureId);
    expect(await read(alpha)).toHaveLength(1);
    expect(await read(beta)).toHaveLength(0);
    await expect(insert(beta, alpha.structureId)).rejects.toThrow();
    const [forced] = await operatorTransaction(database, (tx) =>
      sqlRows<{ relforcerowsecurity: boolean }>(tx, sql`select relforcerowsecurity from pg_class where relname = 'essais'`),
    );
    expect(forced?.relforcerowsecurity).toBe(true);
  });

  it('ne donne que les droits demandés, et refuse une liste de droits inattendue', async () => {
    await expect(transaction(database, alpha, (tx) => tx.execute(sql`delete from essais`))).rejects.toThrow();
    await expect(database.exec(`SELECT relais_tenant_table('essais', 'ALL; DROP TABLE essais')`)).rejects.toThrow(/droits inattendus/);
  });
});
