// La prise par un partenaire pour une orientation (issue 22) : la structure qui a reçu l'orientation prend, pour la
// personne orientée, un rendez-vous dans l'agenda de la structure qui l'a envoyée (un point après l'orientation, une
// démarche à finir avec son médiateur) ; le rendez-vous porte l'orientation. Le temps de la requête, la RLS (migration
// 0068) ne lui montre que les motifs ouverts aux partenaires, les plages, les lieux d'accueil et le temps pris (sans
// personne) de cette structure, et les seuls rendez-vous pris par un partenaire pour cette orientation.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { addDays, localDay } from '../../platform/time';
import { places } from '../directory/schema';
import { bookAppointment, slotsFor, type BookingResult } from './appointments.server';
import { appointmentMotifs, appointments, motifOfAppointment } from './schema';
import { slotValue } from './person-booking.server';
import { oncePerSiteAndTime } from './slots';

/**
 * La structure qui a envoyé cette orientation reçue, et sa personne ; null si elle n'a pas été reçue ici. Jusqu'à la
 * fin de la requête, la RLS ouvre alors ce qu'il faut de l'agenda de cette structure (relais.partner_referral).
 */
export async function openReceivedReferral(tx: Tx, referralId: string) {
  const [row] = await sqlRows<{ sender_structure_id: string; person_id: string }>(
    tx,
    sql`select * from relais_received_referral(${referralId}::uuid)`,
  );
  if (!row) return null;
  await applySettings(tx, { partnerReferral: referralId });
  return { senderId: row.sender_structure_id, personId: row.person_id };
}

/** Les motifs de la structure qui oriente, ouverts aux partenaires. */
export async function partnerMotifs(tx: Tx, senderId: string) {
  return tx
    .select()
    .from(appointmentMotifs)
    .where(and(eq(appointmentMotifs.structureId, senderId), isNull(appointmentMotifs.archivedAt)))
    .orderBy(asc(appointmentMotifs.name))
    .then((rows) => rows.filter((m) => m.bookableBy !== 'agents'));
}

/** Les créneaux libres d'une semaine, par jour, avec le lieu d'accueil en clair (l'agent n'est pas nommé). */
export async function partnerSlots(tx: Tx, senderId: string, motif: typeof appointmentMotifs.$inferSelect, from: string, now: Date) {
  const slots = await slotsFor(tx, senderId, motif, from, addDays(from, 6), now, 'partenaire');
  const siteIds = [...new Set(slots.map((s) => s.siteId))];
  const sites = siteIds.length
    ? await tx
        .select({ id: places.id, name: places.name })
        .from(places)
        .where(and(eq(places.structureId, senderId), inArray(places.id, siteIds)))
    : [];
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const unique = oncePerSiteAndTime(slots);
  return [...new Set(unique.map((s) => localDay(s.start)))].map((day) => ({
    day,
    slots: unique
      .filter((s) => localDay(s.start) === day)
      .map((s) => ({ value: slotValue(s), start: s.start, siteName: names.get(s.siteId) ?? '' })),
  }));
}

export type PartnerBookingResult = BookingResult | { ok: false; error: 'introuvable' };

/** Le partenaire prend l'heure choisie pour la personne de l'orientation reçue ; elle reçoit la confirmation. */
export async function bookForReferral(
  ctx: RequestContext,
  referralId: string,
  motifId: string,
  slot: { agentId: string; siteId: string; start: Date },
): Promise<PartnerBookingResult> {
  const received = await openReceivedReferral(ctx.tx, referralId);
  if (!received) return { ok: false, error: 'introuvable' };
  const result = await bookAppointment(
    ctx.tx,
    { structureId: received.senderId, userId: ctx.actor.userId },
    { personId: received.personId, motifId, ...slot, referralId },
    'partenaire',
    ctx.now,
  );
  if (!result.ok) return result;
  await ctx.tx.execute(sql`select relais_partner_appointment_booked(${result.id}::uuid, ${ctx.now})`);
  await recordAudit(
    ctx.tx,
    ctx.actor,
    'orientation_recue.rendez_vous',
    { type: 'orientation_recue', id: referralId },
    { rendez_vous: result.id },
  );
  return result;
}

/**
 * Les rendez-vous pris pour cette orientation, du plus tôt au plus tard : tous pour la structure qui oriente, ceux
 * pris par un partenaire pour celle qui l'a reçue (après openReceivedReferral).
 */
export async function appointmentsForReferral(tx: Tx, structureId: string, referralId: string) {
  return tx
    .select({ id: appointments.id, startsAt: appointments.startsAt, status: appointments.status, motifName: appointmentMotifs.name })
    .from(appointments)
    .leftJoin(appointmentMotifs, motifOfAppointment)
    .where(and(eq(appointments.structureId, structureId), eq(appointments.referralId, referralId)))
    .orderBy(asc(appointments.startsAt));
}
