// Ce que les travaux (jobs) et les envois (outbox) ont en commun : réclamer les lignes dues avec un bail, sans
// attendre celles qu'un autre worker tient (FOR UPDATE SKIP LOCKED), puis noter l'issue de chaque essai.
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { afterFailure, errorSummary, LEASE_MS } from './rules';

export type QueueTable = 'jobs' | 'outbox';

/**
 * Réclame jusqu'à `limit` lignes dues de la structure (en attente et arrivées à échéance, ou en cours mais dont
 * le bail a expiré) : elles passent « en cours » avec un essai de plus, le temps du bail.
 */
export async function claimDue<Row>(tx: Tx, table: QueueTable, structureId: string, now: Date, limit: number) {
  const t = sql.identifier(table);
  return sqlRows<Row>(
    tx,
    sql`update ${t} set status = 'en_cours', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS)}
      where structure_id = ${structureId} and id in (
        select id from ${t}
        where structure_id = ${structureId}
          and ((status = 'en_attente' and run_at <= ${now}) or (status = 'en_cours' and locked_until <= ${now}))
        order by run_at
        limit ${limit}
        for update skip locked)
      returning *`,
  );
}

/**
 * Rend des lignes réclamées mais pas essayées (le worker s'arrête) : elles redeviennent dues tout de suite, sans
 * compter d'essai, au lieu d'attendre la fin du bail.
 */
export async function releaseClaimed(tx: Tx, table: QueueTable, structureId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const t = sql.identifier(table);
  await tx.execute(
    sql`update ${t} set status = 'en_attente', attempts = greatest(attempts - 1, 0), locked_until = null
      where structure_id = ${structureId} and status = 'en_cours' and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
  );
}

/** Réussi : un travail est « fait », un message « envoyé ». */
export async function markDone(tx: Tx, table: QueueTable, structureId: string, id: string, now: Date, result?: string | null) {
  const t = sql.identifier(table);
  if (table === 'jobs')
    await tx.execute(
      sql`update ${t} set status = 'fait', finished_at = ${now}, locked_until = null, last_error = null, result = ${result ?? null} where structure_id = ${structureId} and id = ${id}`,
    );
  else
    await tx.execute(
      sql`update ${t} set status = 'envoye', sent_at = ${now}, locked_until = null, last_error = null where structure_id = ${structureId} and id = ${id}`,
    );
}

/** Échoué : repris plus tard avec un délai croissant, ou en échec après le dernier essai. */
export async function markFailed(tx: Tx, table: QueueTable, structureId: string, id: string, attempts: number, now: Date, error: unknown) {
  const t = sql.identifier(table);
  const next = afterFailure(attempts, now);
  const runAt = next.status === 'en_attente' ? next.runAt : now;
  await tx.execute(
    sql`update ${t} set status = ${next.status}, run_at = ${runAt}, locked_until = null, last_error = ${errorSummary(error)} where structure_id = ${structureId} and id = ${id}`,
  );
}

/** Un responsable relance une ligne en échec : elle repart pour une série d'essais. */
export async function retryFailed(tx: Tx, table: QueueTable, structureId: string, id: string, now: Date) {
  const t = sql.identifier(table);
  const rows = await sqlRows<{ id: string }>(
    tx,
    sql`update ${t} set status = 'en_attente', attempts = 0, run_at = ${now}, last_error = null where structure_id = ${structureId} and id = ${id} and status = 'echec' returning id`,
  );
  return rows.length > 0;
}
