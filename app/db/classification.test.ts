import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { COLUMN_CLASSIFICATION } from './classification';
import { sqlRows, type Database } from './database.server';

describe('registre de classification des données', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function catalogColumns() {
    const rows = await sqlRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
    );
    return rows.map((r) => `${r.table_name}.${r.column_name}`);
  }

  it('classe chaque colonne de chaque table du schéma', async () => {
    const unclassified = (await catalogColumns()).filter((column) => {
      const [table, name] = column.split('.') as [string, string];
      return !COLUMN_CLASSIFICATION[table]?.[name];
    });
    expect(unclassified, 'colonnes à ajouter dans app/db/classification.ts').toEqual([]);
  });

  it("ne garde aucune entrée pour une colonne qui n'existe plus", async () => {
    const existing = new Set(await catalogColumns());
    const stale = Object.entries(COLUMN_CLASSIFICATION).flatMap(([table, columns]) =>
      Object.keys(columns)
        .map((name) => `${table}.${name}`)
        .filter((column) => !existing.has(column)),
    );
    expect(stale).toEqual([]);
  });
});
