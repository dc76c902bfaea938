// Le worker : à chaque tour, pour chaque structure, il programme les tâches périodiques du créneau, exécute les
// travaux dus puis envoie les messages dus. Il tourne dans le serveur par défaut (RELAIS_WORKER_INTERVAL) ou seul
// avec `relais worker` ; plusieurs workers peuvent tourner ensemble : SKIP LOCKED et les baux les départagent.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { sqlRows } from '../../db/database.server';
import { structures } from '../schema';
import { transaction } from '../../db/transaction.server';
import type { Services } from '../services.server';
import { enqueueJob, runDueJobs, type JobDefinition } from './jobs.server';
import { deliverDueMessages } from './outbox.server';
import { periodicKey } from './rules';
import { errorLogLine } from '../log';

export interface TurnReport {
  structures: number;
  jobs: number;
  messages: number;
  /** Sessions échues, compteurs d'échecs anciens et liens expirés effacés. */
  purged: number;
}

/** Un travail de l'instance, hors de toute structure (les liens de mot de passe oublié) ; rend le nombre d'envois. */
export type InstanceTask = (services: Services) => Promise<number>;

/** Un tour ; `signal` levé (arrêt), il finit ce qu'il tient, rend ce qu'il a réclamé et s'arrête là. */
export async function runWorkerTurn(
  services: Services,
  definitions: readonly JobDefinition[],
  instanceTasks: readonly InstanceTask[] = [],
  signal?: AbortSignal,
): Promise<TurnReport> {
  const purged = await transaction(services.database, {}, (tx) => purgeExpired(tx, services.now(), services.config.sessionIdleMinutes));
  let instanceMessages = 0;
  for (const task of instanceTasks) if (!signal?.aborted) instanceMessages += await task(services);
  const ids = await transaction(services.database, {}, (tx) => tx.select({ id: structures.id }).from(structures));
  const report: TurnReport = { structures: ids.length, jobs: 0, messages: instanceMessages, purged };
  for (const { id } of ids) {
    if (signal?.aborted) break;
    const now = services.now();
    await transaction(services.database, { structureId: id }, async (tx) => {
      for (const definition of definitions)
        if (definition.periodMs)
          await enqueueJob(tx, id, {
            kind: definition.kind,
            dedupeKey: periodicKey(definition.kind, now, definition.periodMs),
            runAt: now,
          });
    });
    report.jobs += (await runDueJobs(services, id, definitions, undefined, signal)).done;
    report.messages += (await deliverDueMessages(services, id, undefined, signal)).sent;
  }
  return report;
}

/** Sessions, compteurs et liens périmés : effacés par les fonctions des migrations 0028 et 0039 (ils ne se lisent que par leur porteur). */
export async function purgeExpired(tx: Tx, now: Date, idleMinutes: number) {
  const [row] = await sqlRows<{ purged: number }>(
    tx,
    sql`select relais_purge_expired(${now}, ${`${idleMinutes} minutes`}::interval)
      + relais_purge_resident_expired(${now}) as purged`,
  );
  return row?.purged ?? 0;
}

/**
 * Lance le worker toutes les `intervalMs` (sans chevauchement). La fonction rendue l'arrête : le travail ou le
 * message en cours se termine, ceux déjà réclamés sont rendus (pas de bail à attendre pour un autre worker).
 */
export function startWorker(
  services: Services,
  definitions: readonly JobDefinition[],
  instanceTasks: readonly InstanceTask[],
  intervalMs: number,
  log: (line: string) => void,
) {
  let stopped = false;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const turn = () => {
    current = runWorkerTurn(services, definitions, instanceTasks, stopping.signal)
      .catch((error: unknown) => log(`Worker : tour interrompu (${errorLogLine(error)}) ; nouvel essai au prochain tour.`))
      .finally(() => {
        if (!stopped) timer = setTimeout(turn, intervalMs);
      });
  };
  timer = setTimeout(turn, Math.min(intervalMs, 2_000));
  return async () => {
    stopped = true;
    stopping.abort();
    clearTimeout(timer);
    await current;
  };
}
