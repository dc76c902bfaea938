// Les listes de l'accueil : ma journée, toutes les sollicitations filtrées, « à revoir » (prochaines
// étapes dues) et les blocages par cause. Une lecture de liste nominative est tracée.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { users } from '../../platform/schema';
import { persons, solicitations } from './schema';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { ListFilters } from './rules';
import type { RequestContext } from '../../platform/request.server';
import { addDays, dayRange, localDay } from '../../platform/time';

export const PAGE_SIZE = 50;

function conditions(actor: Actor, filters: ListFilters): SQL[] {
  const where: SQL[] = [eq(solicitations.structureId, actor.structureId)];
  if (filters.du) where.push(gte(solicitations.occurredAt, dayRange(filters.du).start));
  if (filters.au) where.push(lt(solicitations.occurredAt, dayRange(filters.au).end));
  if (filters.organisme) where.push(sql`${filters.organisme} = any(${solicitations.organisations})`);
  if (filters.niveau) where.push(eq(solicitations.level, filters.niveau));
  if (filters.mode) where.push(eq(solicitations.mode, filters.mode));
  if (filters.resultat) where.push(eq(solicitations.outcome, filters.resultat));
  if (filters.mediateur) where.push(eq(solicitations.mediatorId, filters.mediateur));
  return where;
}

export async function listSolicitations({ actor, tx }: RequestContext, filters: ListFilters) {
  const page = filters.page ?? 1;
  const rows = await tx
    .select({
      id: solicitations.id,
      occurredAt: solicitations.occurredAt,
      personId: solicitations.personId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      organisations: solicitations.organisations,
      procedure: solicitations.procedure,
      mode: solicitations.mode,
      outcome: solicitations.outcome,
      blockedCause: solicitations.blockedCause,
      durationMinutes: solicitations.durationMinutes,
      mediator: users.displayName,
    })
    .from(solicitations)
    .leftJoin(persons, and(eq(persons.structureId, solicitations.structureId), eq(persons.id, solicitations.personId)))
    .leftJoin(users, eq(users.id, solicitations.mediatorId))
    .where(and(...conditions(actor, filters)))
    .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  await recordAudit(tx, actor, 'sollicitations.consultees', undefined, { ...filters });
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

/**
 * Prochaines étapes dues d'ici `daysAhead` jours (7 par défaut ; ou en retard de moins de 30 jours), si la personne
 * n'est pas revenue depuis ; `mine` : celles des sollicitations de l'agent seulement (sa page d'accueil).
 */
export async function dueNextSteps({ actor, tx, now }: RequestContext, { daysAhead = 7, mine = false } = {}) {
  const today = now;
  const rows = await sqlRows<{
    id: string;
    person_id: string | null;
    first_name: string | null;
    last_name: string | null;
    next_step: string | null;
    next_step_date: string;
    organisations: string[];
    mediator: string | null;
  }>(
    tx,
    sql`select s.id, s.person_id, p.first_name, p.last_name, s.next_step, s.next_step_date, s.organisations, u.display_name as mediator
      from solicitations s
      left join persons p on p.structure_id = s.structure_id and p.id = s.person_id
      left join users u on u.id = s.mediator_id
      where s.structure_id = ${actor.structureId}
        and s.next_step_date between ${isoDay(today, -30)}::date and ${isoDay(today, daysAhead)}::date
        and (not ${mine}::boolean or s.mediator_id = ${actor.userId})
        and not exists (
          select 1 from solicitations later
          where later.structure_id = s.structure_id and later.person_id = s.person_id and later.occurred_at > s.occurred_at)
      order by s.next_step_date, p.last_name
      limit 200`,
  );
  await recordAudit(tx, actor, 'sollicitations.a_revoir_consultees');
  return rows;
}

/** Les blocages de la période, par cause : ce que le service remontera aux institutions. */
export async function blockedByCause({ actor, tx }: RequestContext, filters: ListFilters) {
  return tx
    .select({ cause: solicitations.blockedCause, count: sql<number>`count(*)::int` })
    .from(solicitations)
    .where(and(...conditions(actor, { ...filters, resultat: 'bloque' })))
    .groupBy(solicitations.blockedCause)
    .orderBy(desc(sql`count(*)`));
}

/** Le jour local, décalé de quelques jours (calendrier, pas des tranches de 24 heures). */
const isoDay = (date: Date, offsetDays: number) => addDays(localDay(date), offsetDays);
