// `relais purge` : la purge de conservation de toute l'instance, tout de suite (le worker la fait chaque nuit, structure
// par structure) ; avec --essai, le même travail dans des transactions annulées : ce qui changerait, sans rien changer.
import { asc } from 'drizzle-orm';
import type { Database, Tx } from './db/database.server';
import { transaction } from './db/transaction.server';
import { recordAudit } from './platform/audit.server';
import { purgeJobs } from './platform/jobs/jobs.server';
import { purgeMessages } from './platform/jobs/outbox.server';
import { purgeExpired } from './platform/jobs/worker.server';
import { structures } from './platform/schema';
import { applyReceptionRetention, type ReceptionRetention } from './capabilities/reception/retention.server';

export interface StructurePurge extends ReceptionRetention {
  slug: string;
  /** Messages envoyés et travaux faits depuis plus de 30 jours. */
  messages: number;
  jobs: number;
}

export interface PurgeReport {
  /** Sessions échues, compteurs d'échecs anciens, liens et demandes expirés. */
  expired: number;
  structures: StructurePurge[];
}

/** Levée pour annuler la transaction d'un essai en gardant ce qu'elle a compté. */
class DryRun<T> extends Error {
  constructor(readonly value: T) {
    super('essai : transaction annulée');
  }
}

async function run<T>(database: Database, structureId: string | undefined, dryRun: boolean, work: (tx: Tx) => Promise<T>) {
  try {
    return await transaction(database, structureId ? { structureId } : {}, async (tx) => {
      const value = await work(tx);
      if (dryRun) throw new DryRun(value);
      return value;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.value as T;
    throw error;
  }
}

export async function purgeInstance(
  database: Database,
  options: { now: Date; sessionIdleMinutes: number; dryRun: boolean },
): Promise<PurgeReport> {
  const { now, dryRun } = options;
  const expired = await run(database, undefined, dryRun, (tx) => purgeExpired(tx, now, options.sessionIdleMinutes));
  const all = await transaction(database, {}, (tx) =>
    tx.select({ id: structures.id, slug: structures.slug }).from(structures).orderBy(asc(structures.slug)),
  );
  const report: PurgeReport = { expired, structures: [] };
  for (const structure of all)
    report.structures.push(
      await run(database, structure.id, dryRun, async (tx) => {
        const retention = await applyReceptionRetention(tx, structure.id, now);
        const messages = await purgeMessages(tx, structure.id, now);
        const jobs = await purgeJobs(tx, structure.id, now);
        await recordAudit(tx, { structureId: structure.id, userId: null }, 'conservation.purge', undefined, {
          ...retention,
          messages,
          jobs,
        });
        return { slug: structure.slug, ...retention, messages, jobs };
      }),
    );
  return report;
}
