// Les ateliers au pilotage (issue 23) : séances tenues et annulées, taux de remplissage (places prises sur places
// offertes), participants, part d'absents parmi les présences notées, liste d'attente, et la question du conseil
// d'administration : combien de personnes aidées une à une sont passées à un atelier (première présence dans la
// période, une sollicitation avant). Par thématique. Une séance connaît son lieu et son animateur : sous un autre
// filtre, rien ne s'affiche.
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import type { SteeringFilters } from './filters';
import { periodEnd, periodStart } from './scope.server';

/** Les filtres que les ateliers savent suivre : la période, le lieu, l'animateur. */
export const workshopsFollow = (filters: SteeringFilters) =>
  Object.entries(filters).every(([key, value]) => ['du', 'au', 'lieu', 'mediateur'].includes(key) || !value);

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * Une séance tenue : non annulée, et commencée ou dont les présences sont notées (on les note parfois avant l'heure,
 * à l'arrivée du groupe).
 */
export const heldSession = (now: Date) =>
  sql`(ws.cancelled_at is null and (ws.starts_at < ${now.toISOString()}::timestamptz or exists (select 1 from workshop_registrations h
    where h.structure_id = ws.structure_id and h.session_id = ws.id and h.status in ('present', 'absent', 'excuse'))))`;

export async function readWorkshopFigures(tx: Tx, structureId: string, filters: SteeringFilters, now: Date) {
  const held = heldSession(now);
  const sessions = sql`ws.structure_id = ${structureId} and ws.starts_at >= ${periodStart(filters)} and ws.starts_at < ${periodEnd(filters)}
    ${filters.lieu ? sql`and ws.place_id = ${filters.lieu}` : sql``}
    ${filters.mediateur ? sql`and ws.facilitator_id = ${filters.mediateur}` : sql``}`;
  const themes = await sqlRows<{
    theme: string;
    held: number;
    cancelled: number;
    capacity: number;
    taken: number;
    present: number;
    absent: number;
  }>(
    tx,
    sql`select w.theme,
        count(*) filter (where ${held})::int as held,
        count(*) filter (where ws.cancelled_at is not null)::int as cancelled,
        coalesce(sum(ws.capacity) filter (where ${held}), 0)::int as capacity,
        coalesce(sum(ws.seats_taken) filter (where ${held}), 0)::int as taken,
        coalesce(sum(r.present) filter (where ws.cancelled_at is null), 0)::int as present,
        coalesce(sum(r.absent) filter (where ws.cancelled_at is null), 0)::int as absent
      from workshop_sessions ws
      join workshops w on w.structure_id = ws.structure_id and w.id = ws.workshop_id
      left join lateral (select count(*) filter (where status = 'present') as present, count(*) filter (where status = 'absent') as absent
        from workshop_registrations where structure_id = ws.structure_id and session_id = ws.id) r on true
      where ${sessions}
      group by w.theme order by held desc, w.theme`,
  );
  const [waiting] = await sqlRows<{ now_waiting: number; ever_waited: number }>(
    tx,
    sql`select count(*) filter (where r.status = 'attente' and ws.cancelled_at is null and ws.starts_at > ${now.toISOString()}::timestamptz)::int as now_waiting,
        count(distinct r.person_id) filter (where r.status in ('attente', 'proposee', 'expiree') or r.offered_at is not null)::int as ever_waited
      from workshop_registrations r
      join workshop_sessions ws on ws.structure_id = r.structure_id and ws.id = r.session_id
      where ${sessions}`,
  );
  // Une première présence à un atelier dans la période, chez une personne déjà aidée une à une avant (noté à la
  // présence : la purge de conservation détache les vieilles sollicitations sans changer ce chiffre).
  const [moved] = await sqlRows<{ moved: number; first_timers: number }>(
    tx,
    sql`with firsts as (
        select distinct on (r.person_id) r.person_id, ws.starts_at as first_at, r.after_individual_help, ws.place_id, ws.facilitator_id
          from workshop_registrations r
          join workshop_sessions ws on ws.structure_id = r.structure_id and ws.id = r.session_id
         where r.structure_id = ${structureId} and r.status = 'present'
         order by r.person_id, ws.starts_at, ws.id)
      select count(*)::int as first_timers, count(*) filter (where after_individual_help)::int as moved
        from firsts ws
       where ws.first_at >= ${periodStart(filters)} and ws.first_at < ${periodEnd(filters)}
         ${filters.lieu ? sql`and ws.place_id = ${filters.lieu}` : sql``}
         ${filters.mediateur ? sql`and ws.facilitator_id = ${filters.mediateur}` : sql``}`,
  );
  const sum = (key: 'held' | 'cancelled' | 'capacity' | 'taken' | 'present' | 'absent') => themes.reduce((n, t) => n + t[key], 0);
  return {
    held: sum('held'),
    cancelled: sum('cancelled'),
    capacity: sum('capacity'),
    taken: sum('taken'),
    participants: sum('present'),
    absent: sum('absent'),
    fillRate: percent(sum('taken'), sum('capacity')),
    noShowRate: percent(sum('absent'), sum('present') + sum('absent')),
    waitingNow: waiting?.now_waiting ?? 0,
    everWaited: waiting?.ever_waited ?? 0,
    firstTimers: moved?.first_timers ?? 0,
    movedFromIndividual: moved?.moved ?? 0,
    themes: themes.map((t) => ({ ...t, fillRate: percent(t.taken, t.capacity) })),
  };
}

export type WorkshopFigures = Awaited<ReturnType<typeof readWorkshopFigures>>;
