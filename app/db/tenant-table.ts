// Une table d'une structure (docs/architecture.md) : `structure_id` (clé étrangère vers la structure) et `id` en tête,
// clé primaire (structure_id, id), pour que les données se distribuent un jour par structure sans réécriture.
// Ses politiques RLS se posent dans la migration par relais_tenant_table('<table>') (migration 0026).
import type { BuildExtraConfigColumns } from 'drizzle-orm';
import { pgTable, primaryKey, uuid, type PgColumnBuilderBase, type PgTableExtraConfigValue } from 'drizzle-orm/pg-core';
import { structures } from '../platform/schema';

const tenantKey = () => ({
  structureId: uuid('structure_id')
    .notNull()
    .references(() => structures.id),
  id: uuid('id').notNull().defaultRandom(),
});

type WithKey<C> = ReturnType<typeof tenantKey> & C;

export function tenantTable<Name extends string, Columns extends Record<string, PgColumnBuilderBase>>(
  name: Name,
  columns: Columns,
  extra: (table: BuildExtraConfigColumns<Name, WithKey<Columns>, 'pg'>) => PgTableExtraConfigValue[] = () => [],
) {
  return pgTable(name, { ...tenantKey(), ...columns } as WithKey<Columns>, (table) => [
    primaryKey({ columns: [table.structureId, table.id] }),
    ...extra(table),
  ]);
}
