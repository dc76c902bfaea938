// Les ateliers dans l'espace de la personne (issue 23), sous le rôle relais_resident (migration « ateliers dans
// l'espace ») : les prochaines séances de sa structure, ses inscriptions, s'inscrire (ou attendre une place), se
// désinscrire, garder la place qu'on lui propose. Le message et la place libérée proposée au suivant partent par un
// travail du worker (`ateliers.suite`) : la personne n'écrit ni dans l'outbox ni l'inscription d'une autre.
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { hasSqlState, isUniqueViolation, type Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import { places } from '../directory/schema';
import { notifyRegistration } from './notifications.server';
import { offerFreedSeats } from './offers.server';
import { holdsSeat, isOpen } from './rules';
import { placeOfSession, sessionOfRegistration, workshopOfSession, workshopRegistrations, workshops, workshopSessions } from './schema';
import type { RegistrationStatus } from './vocabulary';

export interface PersonScope {
  tx: Tx;
  structureId: string;
  personId: string;
  now: Date;
}

/** Les séances proposées dans l’espace : un mois à venir, non annulées, 30 au plus (une page légère). */
export const PORTAL_DAYS = 31;

const sessionFields = {
  id: workshopSessions.id,
  startsAt: workshopSessions.startsAt,
  endsAt: workshopSessions.endsAt,
  capacity: workshopSessions.capacity,
  seatsTaken: workshopSessions.seatsTaken,
  cancelledAt: workshopSessions.cancelledAt,
  title: workshops.title,
  description: workshops.description,
  level: workshops.level,
  toBring: workshops.toBring,
  prerequisites: workshops.prerequisites,
  placeName: places.name,
  placeStreet: places.street,
  placeCity: places.city,
};

function sessionsWithWorkshop(tx: Tx) {
  return tx.select(sessionFields).from(workshopSessions).innerJoin(workshops, workshopOfSession).innerJoin(places, placeOfSession);
}

/** Les prochaines séances de la structure, avec ce que la personne y est (rien, inscrite, en attente…). */
export async function upcomingForPerson({ tx, structureId, personId, now }: PersonScope) {
  const [sessions, mine] = await Promise.all([
    sessionsWithWorkshop(tx)
      .where(
        and(
          eq(workshopSessions.structureId, structureId),
          isNull(workshopSessions.cancelledAt),
          gte(workshopSessions.startsAt, now),
          lte(workshopSessions.startsAt, new Date(now.getTime() + PORTAL_DAYS * 86_400_000)),
          isNull(workshops.archivedAt),
        ),
      )
      .orderBy(asc(workshopSessions.startsAt))
      .limit(30),
    myRegistrations({ tx, structureId, personId, now }),
  ]);
  const active = new Map(mine.filter((r) => !['desinscrit', 'expiree'].includes(r.status)).map((r) => [r.sessionId, r]));
  return sessions.map((s) => ({ ...s, mine: active.get(s.id) ?? null }));
}

/** Les inscriptions de la personne, la séance la plus proche (ou la plus récente) d'abord. */
export function myRegistrations({ tx, structureId, personId }: PersonScope) {
  return tx
    .select({
      ...sessionFields,
      id: workshopRegistrations.id,
      sessionId: workshopRegistrations.sessionId,
      status: workshopRegistrations.status,
      offerExpiresAt: workshopRegistrations.offerExpiresAt,
    })
    .from(workshopRegistrations)
    .innerJoin(workshopSessions, sessionOfRegistration)
    .innerJoin(workshops, workshopOfSession)
    .innerJoin(places, placeOfSession)
    .where(and(eq(workshopRegistrations.structureId, structureId), eq(workshopRegistrations.personId, personId)))
    .orderBy(desc(workshopSessions.startsAt));
}

const followUp = (tx: Tx, id: string, what: string, now: Date) =>
  tx.execute(sql`select relais_resident_workshop_changed(${id}::uuid, ${what}, ${now.toISOString()}::timestamptz)`);

export type SelfRegistration = { ok: true; status: 'inscrit' | 'attente' } | { ok: false; reason: 'fermee' | 'complete' | 'deja' };

/** La personne s'inscrit ; la séance complète, elle prend son rang sur la liste d'attente si elle le demande. */
export async function registerSelf(scope: PersonScope, sessionId: string, waitingList: boolean): Promise<SelfRegistration> {
  const { tx, structureId, personId, now } = scope;
  const [session] = await tx
    .select({ startsAt: workshopSessions.startsAt, cancelledAt: workshopSessions.cancelledAt })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, structureId), eq(workshopSessions.id, sessionId)));
  if (!session || !isOpen(session, now)) return { ok: false, reason: 'fermee' };
  const insert = (status: 'inscrit' | 'attente') =>
    tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(workshopRegistrations)
        .values({ structureId, sessionId, personId, status, via: 'habitant', statusAt: now })
        .returning({ id: workshopRegistrations.id });
      return row!.id;
    });
  let status: 'inscrit' | 'attente' = 'inscrit';
  let id: string;
  try {
    id = await insert('inscrit');
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'deja' };
    if (!hasSqlState(error, '23514', 'workshop_sessions_places')) throw error;
    if (!waitingList) return { ok: false, reason: 'complete' };
    try {
      id = await insert('attente');
      status = 'attente';
    } catch (again) {
      if (isUniqueViolation(again)) return { ok: false, reason: 'deja' };
      throw again;
    }
  }
  await followUp(tx, id, status === 'inscrit' ? 'inscription' : 'attente', now);
  return { ok: true, status };
}

export type SelfChange = 'desinscrire' | 'garder';

/** La personne se désinscrit (ou quitte l'attente), ou garde la place qu'on lui propose ; false si rien ne change. */
export async function changeSelf(scope: PersonScope, registrationId: string, change: SelfChange) {
  const { tx, structureId, personId, now } = scope;
  const [current] = await tx
    .select({ status: workshopRegistrations.status, sessionId: workshopRegistrations.sessionId })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.structureId, structureId),
        eq(workshopRegistrations.id, registrationId),
        eq(workshopRegistrations.personId, personId),
      ),
    );
  if (!current) return false;
  const [session] = await tx
    .select({ startsAt: workshopSessions.startsAt, cancelledAt: workshopSessions.cancelledAt })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, structureId), eq(workshopSessions.id, current.sessionId)));
  if (!session || !isOpen(session, now)) return false;
  const from: RegistrationStatus[] = change === 'garder' ? ['proposee'] : ['inscrit', 'attente', 'proposee'];
  if (!from.includes(current.status)) return false;
  const to: RegistrationStatus = change === 'garder' ? 'inscrit' : 'desinscrit';
  const updated = await tx
    .update(workshopRegistrations)
    .set({ status: to, statusAt: now, ...(to === 'inscrit' ? { offerExpiresAt: null } : {}) })
    .where(
      and(
        eq(workshopRegistrations.structureId, structureId),
        eq(workshopRegistrations.id, registrationId),
        inArray(workshopRegistrations.status, from),
      ),
    )
    .returning({ id: workshopRegistrations.id });
  if (updated.length === 0) return false;
  await followUp(tx, registrationId, change === 'garder' ? 'confirmee' : holdsSeat(current.status) ? 'liberee' : 'retiree', now);
  return true;
}

/** Ce qui suit un geste de la personne (migration « ateliers dans l'espace ») : le message, la place libérée. */
export const workshopFollowUpJob: JobDefinition = {
  kind: 'ateliers.suite',
  label: 'Ateliers : message et place libérée après un geste de la personne',
  run: async (services, structureId, job) => {
    const { id, session, what } = job.payload as { id: string; session: string; what: string };
    return transaction(services.database, { structureId }, async (tx) => {
      const now = services.now();
      if (what === 'liberee') return `${await offerFreedSeats(tx, structureId, session, now)} place(s) proposée(s)`;
      const kind = what === 'attente' ? 'attente' : 'inscription';
      return (await notifyRegistration(tx, structureId, id, kind, now)) === 'envoye' ? 'message écrit' : 'pas de message';
    });
  },
};
