// Les alertes du responsable sur sa page d'accueil : la charge durable d'un médiateur (au-dessus du seuil les trois
// dernières semaines complètes, comme le signal du pilotage) et une sauvegarde qui n'a pas réussi depuis 48 h.
import { eq, sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { backupStatus } from '../../platform/backup/nightly.server';
import type { RequestContext } from '../../platform/request.server';
import { structures } from '../../platform/schema';
import { addDays, mondayOf, startOfDay, today } from '../../platform/time';
import { WEEKS_IN_A_ROW } from './rules';

export async function managerAlerts({ tx, actor, now }: RequestContext) {
  const [settings] = await tx
    .select({ threshold: structures.weeklyLoadAlertMinutes })
    .from(structures)
    .where(eq(structures.id, actor.structureId));
  const threshold = settings?.threshold ?? 1800;
  const day = today(now);
  const monday = mondayOf(day);
  const from = startOfDay(addDays(monday, -7 * WEEKS_IN_A_ROW));
  const overloaded = await sqlRows<{ name: string }>(
    tx,
    sql`select u.display_name as name
      from (
        select mediator_id, floor(extract(epoch from occurred_at - ${from}) / 604800) as week, sum(duration_minutes) as minutes
        from solicitations
        where structure_id = ${actor.structureId} and occurred_at >= ${from} and occurred_at < ${startOfDay(monday)}
        group by 1, 2
      ) w join users u on u.id = w.mediator_id
      where w.minutes > ${threshold}
      group by u.display_name having count(*) = ${WEEKS_IN_A_ROW}
      order by 1`,
  );
  const backup = await backupStatus(tx, now);
  return {
    thresholdHours: Math.round(threshold / 60),
    overloaded: overloaded.map((o) => o.name),
    backupStale: backup.stale,
    lastBackup: backup.lastSuccess?.startedAt ?? null,
  };
}
