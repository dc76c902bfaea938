// Les séances d'un atelier (issue 23) : programmer (une fois, ou chaque semaine), lire, changer la capacité, annuler
// en prévenant chaque inscrit et chaque personne en attente.
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { users } from '../../platform/schema';
import { peerHelpersIn } from '../diagnosis/peer-helpers.server';
import { planSteps } from '../diagnosis/schema';
import { places } from '../directory/schema';
import { receivingAgents } from '../appointments/ranges.server';
import { persons } from '../reception/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { findWorkshop } from './catalogue.server';
import { notifyRegistration } from './notifications.server';
import { offerFreedSeats } from './offers.server';
import { weeklyStarts, type SessionInput } from './rules';
import { placeOfSession, workshopOfSession, workshopRegistrations, workshops, workshopSessions } from './schema';

/** Ce que le formulaire d'une séance propose : les lieux d'accueil, les agents qui animent, les pairs-aidants. */
export async function sessionChoices(tx: Tx, structureId: string) {
  const [sites, agents, helpers] = await Promise.all([
    receptionSitesIn(tx, structureId),
    receivingAgents(tx, structureId),
    peerHelpersIn(tx, structureId),
  ]);
  return {
    places: sites.map((s) => ({ value: s.id, label: s.name })),
    agents: agents.map((a) => ({ value: a.id, label: a.name })),
    helpers: helpers.map((h) => ({ value: h.id, label: `${h.firstName} ${h.lastName}` })),
  };
}

/** Programme la séance, et la même heure les semaines suivantes ; null si l'atelier n'est pas au catalogue. */
export async function addSessions({ tx, actor }: RequestContext, workshopId: string, input: SessionInput) {
  const workshop = await findWorkshop(tx, actor.structureId, workshopId);
  if (!workshop || workshop.archivedAt) return null;
  const rows = weeklyStarts(input.day, input.startTime, input.repeat).map((startsAt) => ({
    structureId: actor.structureId,
    workshopId,
    placeId: input.placeId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + workshop.durationMinutes * 60_000),
    capacity: input.capacity,
    facilitatorId: input.facilitatorId,
    facilitatorName: input.facilitatorName,
    peerHelperIds: input.peerHelperIds,
    createdBy: actor.userId,
  }));
  const created = await tx.insert(workshopSessions).values(rows).returning({ id: workshopSessions.id });
  await recordAudit(tx, actor, 'seance.creee', { type: 'atelier', id: workshopId }, { seances: created.length });
  return created.map((c) => c.id);
}

const sessionColumns = {
  id: workshopSessions.id,
  workshopId: workshopSessions.workshopId,
  title: workshops.title,
  level: workshops.level,
  startsAt: workshopSessions.startsAt,
  endsAt: workshopSessions.endsAt,
  capacity: workshopSessions.capacity,
  seatsTaken: workshopSessions.seatsTaken,
  cancelledAt: workshopSessions.cancelledAt,
  cancelReason: workshopSessions.cancelReason,
  placeId: workshopSessions.placeId,
  placeName: places.name,
  placePhone: places.phone,
  facilitatorName: sql<string | null>`coalesce(${users.displayName}, ${workshopSessions.facilitatorName})`,
  peerHelperIds: workshopSessions.peerHelperIds,
  waiting: sql<number>`(select count(*)::int from workshop_registrations r
    where r.structure_id = ${workshopSessions.structureId} and r.session_id = ${workshopSessions.id} and r.status = 'attente')`,
};

function sessionsQuery(tx: Tx) {
  return tx
    .select(sessionColumns)
    .from(workshopSessions)
    .innerJoin(workshops, workshopOfSession)
    .innerJoin(places, placeOfSession)
    .leftJoin(users, eq(users.id, workshopSessions.facilitatorId));
}
export type SessionRow = Awaited<ReturnType<typeof sessionsQuery>>[number];

/** Les séances à venir de la structure (ou d'un atelier), les plus proches d'abord. */
export function upcomingSessions(tx: Tx, structureId: string, now: Date, workshopId?: string, limit = 100) {
  return sessionsQuery(tx)
    .where(
      and(
        eq(workshopSessions.structureId, structureId),
        gte(workshopSessions.endsAt, now),
        workshopId ? eq(workshopSessions.workshopId, workshopId) : undefined,
      ),
    )
    .orderBy(asc(workshopSessions.startsAt))
    .limit(limit);
}

/** Les séances passées d'un atelier, les plus récentes d'abord. */
export function pastSessions(tx: Tx, structureId: string, now: Date, workshopId: string, limit = 20) {
  return sessionsQuery(tx)
    .where(
      and(eq(workshopSessions.structureId, structureId), lt(workshopSessions.endsAt, now), eq(workshopSessions.workshopId, workshopId)),
    )
    .orderBy(desc(workshopSessions.startsAt))
    .limit(limit);
}

export async function findSession(tx: Tx, structureId: string, id: string): Promise<SessionRow | null> {
  const [row] = await sessionsQuery(tx).where(and(eq(workshopSessions.structureId, structureId), eq(workshopSessions.id, id)));
  return row ?? null;
}

/** Les personnes d'une séance : inscrites, en attente (dans l'ordre), et le reste, avec l'étape de leur plan. */
export async function registrationsOf(tx: Tx, structureId: string, sessionId: string) {
  return tx
    .select({
      id: workshopRegistrations.id,
      personId: workshopRegistrations.personId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      status: workshopRegistrations.status,
      via: workshopRegistrations.via,
      offerExpiresAt: workshopRegistrations.offerExpiresAt,
      stepLabel: planSteps.label,
      createdAt: workshopRegistrations.createdAt,
    })
    .from(workshopRegistrations)
    .innerJoin(persons, and(eq(persons.structureId, workshopRegistrations.structureId), eq(persons.id, workshopRegistrations.personId)))
    .leftJoin(
      planSteps,
      and(eq(planSteps.structureId, workshopRegistrations.structureId), eq(planSteps.id, workshopRegistrations.planStepId)),
    )
    .where(and(eq(workshopRegistrations.structureId, structureId), eq(workshopRegistrations.sessionId, sessionId)))
    .orderBy(asc(workshopRegistrations.createdAt));
}

/** Les noms des pairs-aidants d'une séance. */
export async function helperNames(tx: Tx, structureId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.structureId, structureId), inArray(persons.id, ids)));
  return rows.map((r) => `${r.firstName} ${r.lastName}`);
}

export type CapacityOutcome =
  { ok: true } | { ok: false; reason: 'inconnue' | 'fermee' } | { ok: false; reason: 'trop_basse'; taken: number };

/** Change la capacité : jamais sous les places tenues (le nombre est dit) ; une place ajoutée va à la liste d'attente. */
export async function changeCapacity(ctx: RequestContext, sessionId: string, capacity: number): Promise<CapacityOutcome> {
  const { tx, actor, now } = ctx;
  const [session] = await tx
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, actor.structureId), eq(workshopSessions.id, sessionId)))
    .for('update');
  if (!session) return { ok: false, reason: 'inconnue' };
  if (session.cancelledAt || session.endsAt < now) return { ok: false, reason: 'fermee' };
  if (capacity < session.seatsTaken) return { ok: false, reason: 'trop_basse', taken: session.seatsTaken };
  await tx
    .update(workshopSessions)
    .set({ capacity })
    .where(and(eq(workshopSessions.structureId, actor.structureId), eq(workshopSessions.id, sessionId)));
  await recordAudit(tx, actor, 'seance.modifiee', { type: 'seance', id: sessionId }, { capacite: capacity });
  await offerFreedSeats(tx, actor.structureId, sessionId, now);
  return { ok: true };
}

/** Annule la séance et prévient chaque personne inscrite, à qui une place est proposée, ou en attente. */
export async function cancelSession({ tx, actor, now }: RequestContext, sessionId: string, reason: string) {
  const updated = await tx
    .update(workshopSessions)
    .set({ cancelledAt: now, cancelReason: reason, cancelledBy: actor.userId })
    .where(
      and(
        eq(workshopSessions.structureId, actor.structureId),
        eq(workshopSessions.id, sessionId),
        isNull(workshopSessions.cancelledAt),
        gte(workshopSessions.startsAt, now),
      ),
    )
    .returning({ id: workshopSessions.id });
  if (updated.length === 0) return null;
  const told = await tx
    .select({ id: workshopRegistrations.id })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.structureId, actor.structureId),
        eq(workshopRegistrations.sessionId, sessionId),
        inArray(workshopRegistrations.status, ['inscrit', 'proposee', 'attente']),
      ),
    );
  let messages = 0;
  for (const { id } of told) if ((await notifyRegistration(tx, actor.structureId, id, 'annulation', now)) === 'envoye') messages++;
  await recordAudit(tx, actor, 'seance.annulee', { type: 'seance', id: sessionId }, { personnes: told.length });
  return { people: told.length, messages };
}

/** Combien de séances a chaque atelier, à venir. */
export async function upcomingCounts(tx: Tx, structureId: string, now: Date) {
  const rows = await tx
    .select({ workshopId: workshopSessions.workshopId, n: count() })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, structureId), gte(workshopSessions.startsAt, now), isNull(workshopSessions.cancelledAt)))
    .groupBy(workshopSessions.workshopId);
  return new Map(rows.map((r) => [r.workshopId, r.n]));
}
