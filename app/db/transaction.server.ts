// L'unique porte d'entrée vers les tables : une transaction, le rôle relais_app (soumis à la RLS)
// et les réglages lus par les politiques (ARCHITECTURE §3).
import { sql } from 'drizzle-orm';
import type { Database, Tx } from './database.server';

export interface DbSettings {
  structureId?: string | null;
  userId?: string | null;
  sessionId?: string | null;
  loginEmail?: string | null;
  loginEmailHash?: string | null;
  resetTokenHash?: string | null;
  /** Le lien signé d'orientation présenté par un lieu sans compte, déjà vérifié par le serveur. */
  referralLink?: string | null;
}

export async function transaction<T>(database: Database, settings: DbSettings, work: (tx: Tx) => Promise<T>) {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('relais.structure_id', ${settings.structureId ?? ''}, true),
      set_config('relais.user_id', ${settings.userId ?? ''}, true),
      set_config('relais.session_id', ${settings.sessionId ?? ''}, true),
      set_config('relais.login_email', ${settings.loginEmail ?? ''}, true),
      set_config('relais.login_email_hash', ${settings.loginEmailHash ?? ''}, true),
      set_config('relais.reset_token_hash', ${settings.resetTokenHash ?? ''}, true),
      set_config('relais.referral_link', ${settings.referralLink ?? ''}, true),
      set_config('role', 'relais_app', true)`);
    // set_config('role', …, true) vaut SET LOCAL ROLE relais_app, dans le même aller-retour.
    return work(tx);
  });
}

/**
 * Transaction en tant que propriétaire du schéma, hors RLS : réservée à l'exploitant
 * (CLI, création de structures, jeu de démonstration). Jamais appelée depuis une route.
 */
export async function operatorTransaction<T>(database: Database, work: (tx: Tx) => Promise<T>) {
  return database.db.transaction(work);
}

/** Précise un réglage au cours d'une transaction déjà ouverte (ex. : l'utilisateur d'une session lue). */
export async function narrowTo(tx: Tx, settings: Pick<DbSettings, 'userId' | 'structureId'>) {
  if (settings.userId !== undefined) await tx.execute(sql`select set_config('relais.user_id', ${settings.userId ?? ''}, true)`);
  if (settings.structureId !== undefined)
    await tx.execute(sql`select set_config('relais.structure_id', ${settings.structureId ?? ''}, true)`);
}
