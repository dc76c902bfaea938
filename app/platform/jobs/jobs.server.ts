// Les travaux différés d'une structure : écrits avec une clé d'unicité (une tâche périodique par créneau, un rappel
// par objet…), réclamés par le worker, repris en cas d'échec. Un travail se contente d'appeler un cas d'usage, qui
// ouvre ses propres transactions : il doit pouvoir être rejoué sans effet double (idempotent).
import { desc, eq, lt, and, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { jobs } from '../schema';
import { transaction } from '../../db/transaction.server';
import type { Services } from '../services.server';
import { claimDue, markDone, markFailed, releaseClaimed, retryFailed } from './queue.server';

export interface JobRecord {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Ce que fait un travail ; il rend un court compte rendu (« 3 relances ») que le responsable lira. */
export type JobHandler = (services: Services, structureId: string, job: JobRecord) => Promise<string | void>;

export interface JobDefinition {
  kind: string;
  /** Libellé pour le responsable. */
  label: string;
  run: JobHandler;
  /** Tâche périodique : une par structure et par période. */
  periodMs?: number;
}

export async function enqueueJob(
  tx: Tx,
  structureId: string,
  job: { kind: string; dedupeKey: string; payload?: Record<string, unknown>; runAt: Date },
) {
  const rows = await tx
    .insert(jobs)
    .values({ structureId, kind: job.kind, dedupeKey: job.dedupeKey, payload: job.payload ?? {}, runAt: job.runAt, createdAt: job.runAt })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Exécute les travaux dus de la structure, un par un ; un genre inconnu (code retiré) échoue visiblement. Quand
 * `signal` est levé (arrêt du processus), le travail en cours se termine et les suivants sont rendus.
 */
export async function runDueJobs(
  services: Services,
  structureId: string,
  definitions: readonly JobDefinition[],
  limit = 10,
  signal?: AbortSignal,
) {
  const settings = { structureId };
  const claimed = await transaction(services.database, settings, (tx) =>
    claimDue<JobRecord>(tx, 'jobs', structureId, services.now(), limit),
  );
  let done = 0;
  for (const [index, job] of claimed.entries()) {
    if (signal?.aborted) {
      const rest = claimed.slice(index).map((j) => j.id);
      await transaction(services.database, settings, (tx) => releaseClaimed(tx, 'jobs', structureId, rest));
      break;
    }
    try {
      const definition = definitions.find((d) => d.kind === job.kind);
      if (!definition) throw new Error(`Travail inconnu : ${job.kind}`);
      const result = await definition.run(services, structureId, job);
      await transaction(services.database, settings, (tx) => markDone(tx, 'jobs', structureId, job.id, services.now(), result || null));
      done++;
    } catch (error) {
      await transaction(services.database, settings, (tx) =>
        markFailed(tx, 'jobs', structureId, job.id, job.attempts, services.now(), error),
      );
    }
  }
  return { claimed: claimed.length, done };
}

export async function listJobs(tx: Tx, structureId: string, limit = 50) {
  return tx.select().from(jobs).where(eq(jobs.structureId, structureId)).orderBy(desc(jobs.createdAt)).limit(limit);
}

export const retryJob = (tx: Tx, structureId: string, id: string, now: Date) => retryFailed(tx, 'jobs', structureId, id, now);

/** Efface les travaux faits depuis plus de `days` jours ; ceux en échec restent, pour qu'on les voie. */
export async function purgeJobs(tx: Tx, structureId: string, now: Date, days = 30) {
  const before = new Date(now.getTime() - days * 86_400_000);
  const rows = await tx
    .delete(jobs)
    .where(and(eq(jobs.structureId, structureId), sql`${jobs.status} = 'fait'`, lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}
