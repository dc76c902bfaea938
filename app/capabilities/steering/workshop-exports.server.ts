// Les séances d'atelier tenues, pour l'export de la Coop : une activité collective par séance tenue (heldSession),
// avec au moins une personne présente, dans la période et au lieu ou avec l'animateur filtrés. Sous un filtre que les
// ateliers ne savent pas suivre (organisme, mode…), aucune.
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import type { CollectiveRow } from './coop';
import type { SteeringFilters } from './filters';
import { periodEnd, periodStart } from './scope.server';
import { heldSession, workshopsFollow } from './workshop-figures.server';

interface RawCollective {
  starts_at: string | Date;
  name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  insee: string | null;
  duration: number;
  title: string;
  level: string;
  theme: string;
  participants: number;
}

export async function collectiveRows(services: Services, actor: Actor, filters: SteeringFilters): Promise<CollectiveRow[]> {
  if (!workshopsFollow(filters)) return [];
  const rows = await transaction(services.database, actor, (tx) =>
    sqlRows<RawCollective>(
      tx,
      sql`select ws.starts_at, p.name, p.street, p.postal_code, p.city, p.insee_code as insee,
          (extract(epoch from ws.ends_at - ws.starts_at) / 60)::int as duration, w.title, w.level, w.theme,
          (select count(*)::int from workshop_registrations r
            where r.structure_id = ws.structure_id and r.session_id = ws.id and r.status = 'present') as participants
        from workshop_sessions ws
        join workshops w on w.structure_id = ws.structure_id and w.id = ws.workshop_id
        join places p on p.structure_id = ws.structure_id and p.id = ws.place_id
        where ws.structure_id = ${actor.structureId} and ${heldSession(services.now())}
          and ws.starts_at >= ${periodStart(filters)} and ws.starts_at < ${periodEnd(filters)}
          ${filters.lieu ? sql`and ws.place_id = ${filters.lieu}` : sql``}
          ${filters.mediateur ? sql`and ws.facilitator_id = ${filters.mediateur}` : sql``}
        order by ws.starts_at, ws.id`,
    ),
  );
  return rows
    .filter((r) => r.participants > 0)
    .map((r) => ({
      occurredAt: new Date(r.starts_at),
      place: { name: r.name, street: r.street, postalCode: r.postal_code, city: r.city, insee: r.insee },
      durationMinutes: r.duration,
      title: r.title,
      level: r.level,
      theme: r.theme,
      participants: r.participants,
    }));
}
