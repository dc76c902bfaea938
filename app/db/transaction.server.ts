// L'unique porte d'entrée vers les tables : une transaction, le rôle relais_app (soumis à la RLS)
// et les réglages lus par les politiques (docs/architecture.md, décision 012).
// Une requête HTTP n'ouvre qu'une transaction (platform/request.server.ts) ; `transaction` sert aussi au
// worker, à la CLI et aux lots des flux (exports, événements), qui vivent hors d'une requête.
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
  /** La personne d'une requête d'habitant (portail) : lue par les politiques de relais_resident. */
  personId?: string | null;
  /** L'empreinte du contact tapé par un habitant qui se connecte par code (portail). */
  contactHash?: string | null;
  /** L'empreinte du jeton de session d'un habitant (son cookie), pour retrouver sa session. */
  residentSession?: string | null;
  /** L'empreinte de l'identifiant de la carte scannée par un habitant (portail). */
  cardHash?: string | null;
  /** L'orientation reçue pour laquelle un partenaire prend un rendez-vous (déjà vérifiée par le cas d'usage). */
  partnerReferral?: string | null;
}

const SETTING_NAMES: Record<keyof DbSettings, string> = {
  structureId: 'relais.structure_id',
  userId: 'relais.user_id',
  sessionId: 'relais.session_id',
  loginEmail: 'relais.login_email',
  loginEmailHash: 'relais.login_email_hash',
  resetTokenHash: 'relais.reset_token_hash',
  referralLink: 'relais.referral_link',
  personId: 'relais.person_id',
  contactHash: 'relais.contact_hash',
  residentSession: 'relais.resident_session',
  cardHash: 'relais.card_hash',
  partnerReferral: 'relais.partner_referral',
};

export async function transaction<T>(database: Database, settings: DbSettings, work: (tx: Tx) => Promise<T>) {
  return database.app.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('relais.structure_id', ${settings.structureId ?? ''}, true),
      set_config('relais.user_id', ${settings.userId ?? ''}, true),
      set_config('relais.session_id', ${settings.sessionId ?? ''}, true),
      set_config('relais.login_email', ${settings.loginEmail ?? ''}, true),
      set_config('relais.login_email_hash', ${settings.loginEmailHash ?? ''}, true),
      set_config('relais.reset_token_hash', ${settings.resetTokenHash ?? ''}, true),
      set_config('relais.referral_link', ${settings.referralLink ?? ''}, true),
      set_config('relais.person_id', ${settings.personId ?? ''}, true),
      set_config('relais.contact_hash', ${settings.contactHash ?? ''}, true),
      set_config('relais.resident_session', ${settings.residentSession ?? ''}, true),
      set_config('relais.card_hash', ${settings.cardHash ?? ''}, true),
      set_config('relais.partner_referral', ${settings.partnerReferral ?? ''}, true),
      set_config('role', 'relais_app', true)`);
    // set_config('role', …, true) vaut SET LOCAL ROLE relais_app, dans le même aller-retour.
    return work(tx);
  });
}

/**
 * Transaction d'un habitant (portail, décision 022) : sous le rôle relais_resident, qui ne lit que les tables du
 * portail, et sur celles qui portent des lignes d'une personne, que les siennes (relais.person_id).
 */
export async function residentTransaction<T>(
  database: Database,
  resident: { structureId: string; personId: string },
  work: (tx: Tx) => Promise<T>,
) {
  return transaction(database, resident, async (tx) => {
    await actAsResident(tx);
    return work(tx);
  });
}

/** Remet la transaction sous le rôle relais_app (après un passage sous relais_resident borné à un cas d'usage). */
export async function actAsApp(tx: Tx) {
  await tx.execute(sql`select set_config('role', 'relais_app', true)`);
}

/** Passe la transaction sous le rôle relais_resident, jusqu'à sa fin (décision 022). */
export async function actAsResident(tx: Tx) {
  await tx.execute(sql`select set_config('role', 'relais_resident', true)`);
}

/**
 * Transaction en tant que propriétaire du schéma, hors RLS : réservée à l'exploitant
 * (CLI, création de structures, jeu de démonstration). Jamais appelée depuis une route.
 */
export async function operatorTransaction<T>(database: Database, work: (tx: Tx) => Promise<T>) {
  return database.db.transaction(work);
}

/**
 * Précise des réglages au cours d'une transaction déjà ouverte (l'agent d'une session lue, l'adresse d'une
 * connexion…) : ils valent jusqu'à la fin de la transaction. Les réglages absents ne changent pas.
 */
export async function applySettings(tx: Tx, settings: DbSettings) {
  const entries = (Object.keys(SETTING_NAMES) as Array<keyof DbSettings>).filter((key) => settings[key] !== undefined);
  if (entries.length === 0) return;
  const calls = entries.map((key) => sql`set_config(${SETTING_NAMES[key]}, ${settings[key] ?? ''}, true)`);
  await tx.execute(sql`select ${sql.join(calls, sql`, `)}`);
}
