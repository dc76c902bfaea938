// Les messages d'un atelier par l'outbox (issue 23) : une clé par inscription et par sorte de message, au canal de la
// personne ; le rappel 48 heures avant part une fois, par un travail périodique du worker.
import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import { enqueueMessage } from '../../platform/jobs/outbox.server';
import { structures } from '../../platform/schema';
import type { Services } from '../../platform/services.server';
import { channelFor } from '../appointments/messages';
import { postalAddress } from '../directory/address';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { workshopEmail, workshopSms, type WorkshopMessageKind } from './messages';
import { REMINDER_HOURS } from './rules';
import { placeOfSession, sessionOfRegistration, workshopOfSession, workshopRegistrations, workshops, workshopSessions } from './schema';

/** Écrit le message dans l'outbox ; 'sans_contact' si la personne n'a ni téléphone ni e-mail, 'deja' s'il est parti. */
export async function notifyRegistration(tx: Tx, structureId: string, id: string, kind: WorkshopMessageKind, now: Date) {
  const [row] = await tx
    .select({
      registration: workshopRegistrations,
      person: { preferredContact: persons.preferredContact, phone: persons.phone, email: persons.email },
      session: { startsAt: workshopSessions.startsAt, cancelReason: workshopSessions.cancelReason },
      workshop: { title: workshops.title, toBring: workshops.toBring },
      place: { name: places.name, street: places.street, postalCode: places.postalCode, city: places.city, phone: places.phone },
      structureName: structures.name,
    })
    .from(workshopRegistrations)
    .innerJoin(persons, and(eq(persons.structureId, workshopRegistrations.structureId), eq(persons.id, workshopRegistrations.personId)))
    .innerJoin(workshopSessions, sessionOfRegistration)
    .innerJoin(workshops, workshopOfSession)
    .innerJoin(places, placeOfSession)
    .innerJoin(structures, eq(structures.id, workshopRegistrations.structureId))
    .where(and(eq(workshopRegistrations.structureId, structureId), eq(workshopRegistrations.id, id)));
  if (!row) return 'introuvable' as const;
  const to = channelFor(row.person);
  if (!to) return 'sans_contact' as const;
  const context = {
    structureName: row.structureName,
    title: row.workshop.title,
    placeName: row.place.name,
    placeAddress: postalAddress(row.place) || null,
    placePhone: row.place.phone,
    startsAt: row.session.startsAt,
    toBring: row.workshop.toBring,
    offerExpiresAt: row.registration.offerExpiresAt,
    cancelReason: row.session.cancelReason,
  };
  const email = to.channel === 'email' ? workshopEmail(kind, context) : null;
  const queued = await enqueueMessage(
    tx,
    structureId,
    {
      channel: to.channel,
      recipient: to.recipient,
      subject: email?.subject ?? null,
      body: email?.body ?? workshopSms(kind, context),
      attachment: null,
      purpose: `atelier.${kind}`,
      subjectId: row.registration.personId,
      dedupeKey: `atelier.${kind}:${id}`,
    },
    now,
  );
  return queued ? ('envoye' as const) : ('deja' as const);
}

/** Les rappels dus : inscrits d'une séance qui commence dans les 48 heures, inscrits plus de 48 heures avant. */
export async function sendWorkshopReminders(services: Services, structureId: string) {
  return transaction(services.database, { structureId }, async (tx) => {
    const now = services.now();
    const due = await tx
      .select({ id: workshopRegistrations.id })
      .from(workshopRegistrations)
      .innerJoin(workshopSessions, sessionOfRegistration)
      .where(
        and(
          eq(workshopRegistrations.structureId, structureId),
          inArray(workshopRegistrations.status, ['inscrit']),
          isNull(workshopSessions.cancelledAt),
          gt(workshopSessions.startsAt, now),
          lte(workshopSessions.startsAt, new Date(now.getTime() + REMINDER_HOURS * 3_600_000)),
          lte(workshopRegistrations.createdAt, sql`${workshopSessions.startsAt} - interval '48 hours'`),
        ),
      );
    let sent = 0;
    for (const { id } of due) if ((await notifyRegistration(tx, structureId, id, 'rappel', now)) === 'envoye') sent++;
    return sent;
  });
}

export const workshopReminderJob: JobDefinition = {
  kind: 'ateliers.rappels',
  label: 'Ateliers : rappels 48 heures avant',
  periodMs: 15 * 60_000,
  run: async (services, structureId) => {
    const count = await sendWorkshopReminders(services, structureId);
    return `${count} rappel${count > 1 ? 's' : ''} envoyé${count > 1 ? 's' : ''}`;
  },
};
