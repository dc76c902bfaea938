// La liste d'attente (issue 23) : une place qui se libère est proposée à la première personne en attente, qui a
// 48 heures pour la confirmer ; sans réponse, la proposition expire (travail périodique) et passe à la suivante.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import type { Services } from '../../platform/services.server';
import { notifyRegistration } from './notifications.server';
import { isOpen, offerDeadline } from './rules';
import { workshopRegistrations, workshopSessions } from './schema';

/** Propose chaque place libre de la séance à la personne suivante de la liste d'attente ; rend combien sont proposées. */
export async function offerFreedSeats(tx: Tx, structureId: string, sessionId: string, now: Date) {
  // Le verrou de la séance : deux libérations simultanées ne proposent pas la même place deux fois.
  const [session] = await tx
    .select()
    .from(workshopSessions)
    .where(and(eq(workshopSessions.structureId, structureId), eq(workshopSessions.id, sessionId)))
    .for('update');
  if (!session || !isOpen(session, now)) return 0;
  const free = session.capacity - session.seatsTaken;
  if (free <= 0) return 0;
  const next = await tx
    .select({ id: workshopRegistrations.id })
    .from(workshopRegistrations)
    .where(
      and(
        eq(workshopRegistrations.structureId, structureId),
        eq(workshopRegistrations.sessionId, sessionId),
        eq(workshopRegistrations.status, 'attente'),
      ),
    )
    .orderBy(asc(workshopRegistrations.createdAt), asc(workshopRegistrations.id))
    .limit(free);
  if (next.length === 0) return 0;
  const deadline = offerDeadline(now, session.startsAt);
  await tx
    .update(workshopRegistrations)
    .set({ status: 'proposee', offeredAt: now, offerExpiresAt: deadline, statusAt: now, statusBy: null })
    .where(
      and(
        eq(workshopRegistrations.structureId, structureId),
        inArray(
          workshopRegistrations.id,
          next.map((n) => n.id),
        ),
      ),
    );
  for (const { id } of next) await notifyRegistration(tx, structureId, id, 'proposition', now);
  return next.length;
}

/** Les propositions sans réponse à l'heure dite expirent ; leurs places vont aux suivants. Rend combien ont expiré. */
export async function expireOffers(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const now = services.now();
    const expired = await tx
      .update(workshopRegistrations)
      .set({ status: 'expiree', statusAt: now, statusBy: null })
      .where(
        and(
          eq(workshopRegistrations.structureId, structureId),
          eq(workshopRegistrations.status, 'proposee'),
          lte(workshopRegistrations.offerExpiresAt, now),
        ),
      )
      .returning({ sessionId: workshopRegistrations.sessionId });
    for (const sessionId of new Set(expired.map((e) => e.sessionId))) await offerFreedSeats(tx, structureId, sessionId, now);
    return expired.length;
  });
}

export const workshopOffersJob: JobDefinition = {
  kind: 'ateliers.places',
  label: 'Ateliers : places proposées sans réponse, passées au suivant',
  periodMs: 15 * 60_000,
  run: async (services, structureId) => {
    const count = await expireOffers(services, structureId);
    return `${count} proposition${count > 1 ? 's' : ''} expirée${count > 1 ? 's' : ''}`;
  },
};
