// Ce que le responsable voit des files de sa structure : les messages partis ou en souffrance, les travaux faits ou
// en échec, et le geste de relancer ce qui a échoué (tracé).
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { recordAudit } from '../audit.server';
import { listJobs, retryJob } from './jobs.server';
import { listMessages, retryMessage } from './outbox.server';
import type { RequestContext } from '../request.server';

export async function queuesOverview({ tx, actor }: RequestContext) {
  const counts = await sqlRows<{ queue: string; status: string; count: number }>(
    tx,
    sql`select 'outbox' as queue, status, count(*)::int as count from outbox where structure_id = ${actor.structureId} group by status
      union all select 'jobs', status, count(*)::int from jobs where structure_id = ${actor.structureId} group by status`,
  );
  return { counts, messages: await listMessages(tx, actor.structureId), jobs: await listJobs(tx, actor.structureId) };
}

export async function retryFailedItem({ tx, actor, now }: RequestContext, queue: 'outbox' | 'jobs', id: string) {
  const retried = queue === 'outbox' ? await retryMessage(tx, actor.structureId, id, now) : await retryJob(tx, actor.structureId, id, now);
  if (retried)
    await recordAudit(tx, actor, queue === 'outbox' ? 'envoi.relance' : 'travail.relance', {
      type: queue === 'outbox' ? 'message' : 'travail',
      id,
    });
  return retried;
}
