// Ce que la page d'accueil de Relais montre de l'accueil et des sollicitations : qui attend et depuis quand, qui
// j'ai pris sans suite, mes prochaines étapes dues, l'activité du jour et de la semaine passée.
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import type { RequestContext } from '../../platform/request.server';
import { addDays, mondayOf, startOfDay, today } from '../../platform/time';
import { fullName } from '../../platform/text';
import { dueNextSteps } from './list-solicitations.server';
import { listQueue } from './queue.server';

const minutesSince = (from: Date, now: Date) => Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));

/** La file maintenant : combien attendent, depuis combien de temps, les premiers ; et ceux que j'ai pris sans suite. */
export async function queueNow(ctx: RequestContext) {
  const { entries, taken } = await listQueue(ctx);
  return {
    waiting: entries.length,
    longestMinutes: entries.length ? Math.max(...entries.map((e) => minutesSince(e.arrivedAt, ctx.now))) : null,
    next: entries
      .slice(0, 5)
      .map((e) => ({ id: e.id, name: e.displayName, urgent: e.urgent, minutes: minutesSince(e.arrivedAt, ctx.now) })),
    takenByMe: taken.filter((t) => t.mine).map((t) => ({ id: t.id, name: t.displayName, minutes: minutesSince(t.takenAt, ctx.now) })),
  };
}

/** Mes prochaines étapes dues aujourd'hui ou en retard (30 jours au plus), si la personne n'est pas revenue depuis. */
export async function myDueNextSteps(ctx: RequestContext) {
  const day = today(ctx.now);
  return (await dueNextSteps(ctx, { daysAhead: 0, mine: true })).map((r) => ({
    personId: r.person_id,
    name: r.first_name ? fullName(r.first_name, r.last_name) : 'Personne anonyme',
    nextStep: r.next_step,
    due: r.next_step_date,
    late: r.next_step_date < day,
  }));
}

/** L'activité de la structure : aujourd'hui, la semaine passée (du lundi au dimanche) et celle d'avant. */
export async function activityFigures({ tx, actor, now }: RequestContext) {
  const day = today(now);
  const monday = mondayOf(day);
  const [row] = await sqlRows<{ today: number; minutes: number; last_week: number; week_before: number }>(
    tx,
    sql`select
        count(*) filter (where occurred_at >= ${startOfDay(day)})::int as today,
        coalesce(sum(duration_minutes) filter (where occurred_at >= ${startOfDay(day)}), 0)::int as minutes,
        count(*) filter (where occurred_at >= ${startOfDay(addDays(monday, -7))} and occurred_at < ${startOfDay(monday)})::int as last_week,
        count(*) filter (where occurred_at >= ${startOfDay(addDays(monday, -14))} and occurred_at < ${startOfDay(addDays(monday, -7))})::int as week_before
      from solicitations
      where structure_id = ${actor.structureId} and occurred_at >= ${startOfDay(addDays(monday, -14))} and occurred_at < ${now}`,
  );
  return { today: row!.today, minutesToday: row!.minutes, lastWeek: row!.last_week, weekBefore: row!.week_before };
}
