// Sur un serveur PostgreSQL, l'application ne se connecte pas en propriétaire du schéma (revue de sécurité, point 12) :
// `SET LOCAL ROLE relais_app` se défait par `RESET ROLE`, et une injection retrouverait alors les droits du
// propriétaire, hors RLS. Elle se connecte avec un rôle de connexion NOINHERIT, membre de relais_app seulement, sans
// aucun droit propre : après un RESET ROLE, il ne lit ni n'écrit rien. Les migrations et l'exploitant gardent la
// connexion du propriétaire. PGlite n'a qu'une connexion, celle du propriétaire : la limite est écrite dans la
// décision 017.
import crypto from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { DatabaseOpenError, redact, serverPool, sqlRows, type Database, type Db } from './database.server';

/** Le nom du rôle de connexion d'une base : un par base, pour que deux instances d'un même serveur restent séparées. */
export function applicationRoleName(databaseName: string) {
  return `relais_web_${databaseName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/** Son mot de passe se déduit de la clé maîtresse : toutes les instances d'une même base le connaissent sans le stocker. */
export const applicationRolePassword = (masterKey: Buffer, role: string) =>
  crypto.createHmac('sha256', masterKey).update(`relais-web:${role}`).digest('base64url');

/**
 * Rend la base dont les transactions de l'application passent par le rôle de connexion : celui de DATABASE_APP_URL
 * s'il est donné (créé par l'administrateur de la base), sinon un rôle que le propriétaire crée ou met à jour.
 */
export async function withApplicationRole(
  database: Database,
  ownerUrl: string,
  masterKey: Buffer,
  appUrl?: string | null,
): Promise<Database> {
  if (database.kind !== 'postgresql') return database;
  const url = appUrl ?? (await ensureApplicationRole(database.db, ownerUrl, masterKey));
  const pool = serverPool(url);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Impossible de se connecter avec le rôle de l'application (${redact(url)}) : ${reason}`);
  }
  return {
    ...database,
    app: drizzle(pool) as unknown as Db,
    close: async () => {
      await pool.end();
      await database.close();
    },
  };
}

async function ensureApplicationRole(owner: Db, ownerUrl: string, masterKey: Buffer) {
  const [{ name } = { name: '' }] = await sqlRows<{ name: string }>(owner, sql`select current_database() as name`);
  const role = applicationRoleName(name);
  const password = applicationRolePassword(masterKey, role);
  try {
    await owner.execute(
      sql.raw(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
  ELSE
    ALTER ROLE ${role} LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password}';
  END IF;
END $$`),
    );
    // relais_resident : le rôle des requêtes d’un habitant (portail, décision 022).
    await owner.execute(sql.raw(`GRANT relais_app, relais_resident TO ${role}`));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(
      `Le propriétaire de la base ne peut pas créer le rôle de connexion de l'application « ${role} » (${reason}). ` +
        `Créez un rôle de connexion membre de relais_app et relais_resident, sans autre droit (CREATE ROLE … LOGIN NOINHERIT PASSWORD … ; ` +
        `GRANT relais_app, relais_resident TO …), et indiquez-le dans DATABASE_APP_URL.`,
    );
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
