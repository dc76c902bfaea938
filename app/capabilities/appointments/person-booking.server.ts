// La personne prend elle-même un rendez-vous (issue 22) : dans son espace (portail), ou change d'heure avec le lien
// reçu. Tout passe sous le rôle relais_resident (décision 022, migration 0067) : elle lit les plages et le temps pris
// sans savoir par qui, n'écrit qu'un rendez-vous à elle ; la confirmation part par un travail du worker.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { sqlRows, type Tx } from '../../db/database.server';
import { actAsApp, actAsResident, applySettings } from '../../db/transaction.server';
import { addDays, localDay } from '../../platform/time';
import { places } from '../directory/schema';
import { activeMotif, bookAppointment, BookingRefused, slotsFor, type BookingResult } from './appointments.server';
import { appointmentMotifs, appointments } from './schema';
import { oncePerSiteAndTime, type Slot } from './slots';

/** La personne d'une requête : celle du portail, ou celle du lien signé (déjà vérifié). */
export interface PersonScope {
  tx: Tx;
  structureId: string;
  personId: string;
  now: Date;
}

/**
 * La page du lien d'un rendez-vous (lien signé, déjà vérifié) agit pour la seule personne de ce rendez-vous : ses
 * réglages et le rôle relais_resident le temps de `work`, puis la page publique reprend (la page se relit ensuite,
 * dans la même transaction, avec le lien).
 */
export async function asLinkedPerson<T>(tx: Tx, person: { structureId: string; personId: string }, work: () => Promise<T>) {
  await applySettings(tx, { structureId: person.structureId, personId: person.personId });
  await actAsResident(tx);
  const result = await work();
  await actAsApp(tx);
  await applySettings(tx, { structureId: null, personId: null });
  return result;
}

/** Les heures libres se montrent une semaine à la fois : une page légère, même sur un vieux téléphone. */
export const SLOT_PAGE_DAYS = 7;

/** Les motifs que la personne prend elle-même. */
export async function bookableMotifs(tx: Tx, structureId: string) {
  return tx
    .select({
      id: appointmentMotifs.id,
      name: appointmentMotifs.name,
      durationMinutes: appointmentMotifs.durationMinutes,
      locationType: appointmentMotifs.locationType,
    })
    .from(appointmentMotifs)
    .where(
      and(
        eq(appointmentMotifs.structureId, structureId),
        eq(appointmentMotifs.bookableBy, 'habitants'),
        isNull(appointmentMotifs.archivedAt),
      ),
    )
    .orderBy(asc(appointmentMotifs.name));
}

/** Un motif que la personne prend elle-même, ou null. */
export async function personMotif(tx: Tx, structureId: string, motifId: string) {
  const motif = await activeMotif(tx, structureId, motifId);
  return motif?.bookableBy === 'habitants' ? motif : null;
}

/** Une heure libre, dans un seul champ de formulaire : « agent|lieu|début ». */
export const slotValue = (slot: Pick<Slot, 'agentId' | 'siteId' | 'start'>) => `${slot.agentId}|${slot.siteId}|${slot.start.toISOString()}`;

const slotChoice = z
  .string()
  .max(120)
  .transform((value) => value.split('|'))
  .pipe(z.tuple([z.uuid(), z.uuid(), z.iso.datetime()]))
  .transform(([agentId, siteId, start]) => ({ agentId, siteId, start: new Date(start) }));

/** L'heure choisie (bouton) ; null si le formulaire a été altéré. */
export function parseSlotChoice(value: FormDataEntryValue | null) {
  const parsed = slotChoice.safeParse(typeof value === 'string' ? value : '');
  return parsed.success ? parsed.data : null;
}

/**
 * Les heures libres d'une semaine à partir d'un jour, par jour, avec le lieu et l'agent en clair ; une heure libre
 * chez plusieurs agents d'un même lieu ne se montre qu'une fois.
 */
export async function slotsForPerson(
  tx: Tx,
  structureId: string,
  motif: typeof appointmentMotifs.$inferSelect,
  from: string,
  now: Date,
  limit = 80,
) {
  const all = await slotsFor(tx, structureId, motif, from, addDays(from, SLOT_PAGE_DAYS - 1), now, 'habitant');
  const slots = oncePerSiteAndTime(all).slice(0, limit);
  const siteIds = [...new Set(slots.map((s) => s.siteId))];
  const sites = siteIds.length
    ? await tx
        .select({ id: places.id, name: places.name })
        .from(places)
        .where(and(eq(places.structureId, structureId), inArray(places.id, siteIds)))
    : [];
  const siteNames = new Map(sites.map((s) => [s.id, s.name]));
  const agentNames = new Map<string, string>();
  for (const agentId of new Set(slots.map((s) => s.agentId))) {
    const [row] = await sqlRows<{ name: string | null }>(tx, sql`select relais_member_name(${agentId}) as name`);
    agentNames.set(agentId, row?.name ?? '');
  }
  const days = [...new Set(slots.map((s) => localDay(s.start)))];
  return days.map((day) => ({
    day,
    slots: slots
      .filter((s) => localDay(s.start) === day)
      .map((s) => ({
        value: slotValue(s),
        start: s.start,
        agentName: agentNames.get(s.agentId) ?? '',
        siteName: siteNames.get(s.siteId) ?? '',
      })),
  }));
}

/** La personne prend l'heure choisie ; la confirmation part par le worker, à son canal. */
export async function bookByPerson(
  { tx, structureId, personId, now }: PersonScope,
  motifId: string,
  slot: { agentId: string; siteId: string; start: Date },
  earlierWanted: boolean,
): Promise<BookingResult> {
  const result = await bookAppointment(tx, { structureId, userId: null }, { personId, motifId, ...slot, earlierWanted }, 'habitant', now);
  if (result.ok) await tx.execute(sql`select relais_resident_appointment_booked(${result.id}::uuid, ${now})`);
  return result;
}

export type PersonMoveResult = BookingResult | { ok: false; error: 'trop_tard' | 'introuvable' };

/**
 * La personne change l'heure d'un de ses rendez-vous prévus : l'ancien est quitté et le nouveau pris ensemble (un
 * point de reprise), ou rien ne change. Le motif doit se prendre en ligne.
 */
export async function moveByPerson(scope: PersonScope, appointmentId: string, slot: { agentId: string; siteId: string; start: Date }) {
  const { tx, structureId, personId, now } = scope;
  const [current] = await tx
    .select({ motifId: appointments.motifId })
    .from(appointments)
    .where(and(eq(appointments.structureId, structureId), eq(appointments.id, appointmentId), eq(appointments.personId, personId)));
  if (!current || !(await personMotif(tx, structureId, current.motifId))) return { ok: false, error: 'introuvable' } as PersonMoveResult;
  try {
    return await tx.transaction(async (savepoint) => {
      const [left] = await sqlRows<{ outcome: string }>(
        savepoint,
        sql`select relais_resident_leave_appointment(${appointmentId}::uuid, ${now}) as outcome`,
      );
      if (left?.outcome !== 'annule')
        throw new BookingRefused({ ok: false, error: left?.outcome === 'trop_tard' ? 'trop_tard' : 'introuvable' });
      const booked = await bookAppointment(
        savepoint,
        { structureId, userId: null },
        { personId, motifId: current.motifId, ...slot },
        'habitant',
        now,
      );
      if (!booked.ok) throw new BookingRefused(booked);
      // « Votre rendez-vous a changé » au lieu d'une confirmation ; le nouveau garde l'orientation de l'ancien.
      await savepoint.execute(sql`select relais_resident_appointment_moved(${booked.id}::uuid, ${appointmentId}::uuid, ${now})`);
      return booked as PersonMoveResult;
    });
  } catch (error) {
    if (error instanceof BookingRefused) return error.result as PersonMoveResult;
    throw error;
  }
}
