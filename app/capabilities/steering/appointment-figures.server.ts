// Les rendez-vous au pilotage (issue 22) : combien par semaine, la part d'absents (parmi les rendez-vous passés dont
// l'état est noté), le délai entre la prise et le rendez-vous, et la part prise par les personnes elles-mêmes (un
// signe d'autonomie). Un rendez-vous ne connaît que son lieu et son agent : sous un autre filtre, rien ne s'affiche.
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { zoneSql } from '../../platform/time.server';
import type { SteeringFilters } from './filters';
import { periodEnd, periodStart } from './scope.server';

/** Les filtres que les rendez-vous savent suivre : la période, le lieu d'accueil, l'agent. */
export const appointmentsFollow = (filters: SteeringFilters) =>
  Object.entries(filters).every(([key, value]) => ['du', 'au', 'lieu', 'mediateur'].includes(key) || !value);

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export async function readAppointmentFigures(tx: Tx, structureId: string, filters: SteeringFilters) {
  const where = sql`structure_id = ${structureId} and starts_at >= ${periodStart(filters)} and starts_at < ${periodEnd(filters)}
    ${filters.lieu ? sql`and site_id = ${filters.lieu}` : sql``}
    ${filters.mediateur ? sql`and agent_id = ${filters.mediateur}` : sql``}`;
  const [row] = await sqlRows<{
    total: number;
    honoured: number;
    absent: number;
    excused: number;
    cancelled: number;
    by_person: number;
    median_lead_days: number | null;
  }>(
    tx,
    sql`select count(*)::int as total,
        count(*) filter (where status = 'honore')::int as honoured,
        count(*) filter (where status = 'absent')::int as absent,
        count(*) filter (where status = 'excuse')::int as excused,
        count(*) filter (where status = 'annule')::int as cancelled,
        count(*) filter (where booked_via = 'habitant')::int as by_person,
        percentile_cont(0.5) within group (order by extract(epoch from starts_at - created_at) / 86400) as median_lead_days
      from appointments where ${where}`,
  );
  const weeks = await sqlRows<{ week: string; booked: number; absent: number }>(
    tx,
    sql`select to_char(date_trunc('week', starts_at at time zone ${zoneSql()}), 'YYYY-MM-DD') as week,
        count(*) filter (where status <> 'annule')::int as booked,
        count(*) filter (where status = 'absent')::int as absent
      from appointments where ${where}
      group by 1 order by 1`,
  );
  const total = row?.total ?? 0;
  const honoured = row?.honoured ?? 0;
  const absent = row?.absent ?? 0;
  const lead = row?.median_lead_days;
  return {
    total,
    honoured,
    absent,
    excused: row?.excused ?? 0,
    cancelled: row?.cancelled ?? 0,
    byPerson: row?.by_person ?? 0,
    noShowRate: percent(absent, honoured + absent),
    byPersonShare: percent(row?.by_person ?? 0, total),
    medianLeadDays: lead === null || lead === undefined ? null : Math.round(Number(lead) * 10) / 10,
    weeks,
  };
}

export type AppointmentFigures = Awaited<ReturnType<typeof readAppointmentFigures>>;
