import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './database.server';

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname ?? '.', '../../drizzle');

/** Applique les migrations SQL de drizzle/ (identiques pour les deux modes). */
export async function migrate(database: Database, migrationsFolder = MIGRATIONS_FOLDER) {
  const config = { migrationsFolder };
  // Les deux migrateurs lisent le même dossier ; seul le pilote diffère.
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
}
