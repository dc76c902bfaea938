// La file d'attente de l'accueil : arrivées, prise en charge dans l'ordre (urgences d'abord), départs
// sans avoir été reçu. Les temps d'attente restent pour le pilotage. Chaque changement prévient les écrans.
import { and, asc, desc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { persons, queueEntries, solicitations } from './schema';
import { users } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import { notifyStructure } from '../../platform/events.server';
import type { Actor } from '../../platform/policies';
import { TAKEN_RETURNS_AFTER_MINUTES, type ArrivalInput } from './rules';
import type { RequestContext } from '../../platform/request.server';

export const QUEUE_TOPIC = 'file';

/** Au-delà, une prise en charge sans suite appartient à une autre journée : elle ne revient plus dans la file. */
const SAME_DAY_HOURS = 12;

/** Ni partie, ni reçue (aucune sollicitation enregistrée depuis cette arrivée). */
const open = (actor: Actor) =>
  and(
    eq(queueEntries.structureId, actor.structureId),
    isNull(queueEntries.leftAt),
    sql`not exists (select 1 from ${solicitations} s where s.structure_id = ${queueEntries.structureId} and s.queue_entry_id = ${queueEntries.id})`,
  );
const takenSince = (now: Date, minutes: number) => sql`${queueEntries.takenAt} > ${now}::timestamptz - make_interval(mins => ${minutes})`;
/** Prise en charge il y a plus de 45 minutes, aujourd'hui, sans suite : de nouveau en attente. */
const abandoned = (now: Date) =>
  and(isNotNull(queueEntries.takenAt), sql`not ${takenSince(now, TAKEN_RETURNS_AFTER_MINUTES)}`, takenSince(now, SAME_DAY_HOURS * 60));
const waiting = (actor: Actor, now: Date) => and(open(actor), or(isNull(queueEntries.takenAt), abandoned(now)));
const inProgress = (actor: Actor, now: Date) =>
  and(open(actor), isNotNull(queueEntries.takenAt), takenSince(now, TAKEN_RETURNS_AFTER_MINUTES));

export async function registerArrival({ tx, actor, now }: RequestContext, input: ArrivalInput) {
  if (input.personId) {
    const [person] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, input.personId)));
    if (!person) return { ok: false as const, error: 'personne_introuvable' as const };
  }
  const [entry] = await tx
    .insert(queueEntries)
    .values({ structureId: actor.structureId, ...input, arrivedAt: now, createdBy: actor.userId })
    .returning({ id: queueEntries.id });
  await recordAudit(tx, actor, 'file.arrivee', { type: 'file', id: entry!.id });
  await notifyStructure(tx, actor.structureId, QUEUE_TOPIC);
  return { ok: true as const, id: entry!.id };
}

export async function listQueue({ tx, actor, now }: RequestContext) {
  const columns = {
    id: queueEntries.id,
    personId: queueEntries.personId,
    displayName: queueEntries.displayName,
    reason: queueEntries.reason,
    organisation: queueEntries.organisation,
    urgent: queueEntries.urgent,
    arrivedAt: queueEntries.arrivedAt,
  };
  const entries = await tx
    .select(columns)
    .from(queueEntries)
    .where(waiting(actor, now))
    .orderBy(desc(queueEntries.urgent), asc(queueEntries.arrivedAt));
  // En cours : qui l'a prise et depuis quand ; elle n'est perdue pour personne.
  const taken = await tx
    .select({ ...columns, takenAt: queueEntries.takenAt, takenBy: queueEntries.takenBy, takenByName: users.displayName })
    .from(queueEntries)
    .leftJoin(users, eq(users.id, queueEntries.takenBy))
    .where(inProgress(actor, now))
    .orderBy(asc(queueEntries.takenAt));
  return { entries, taken: taken.map((t) => ({ ...t, takenAt: t.takenAt!, mine: t.takenBy === actor.userId })) };
}

export type TakeResult =
  | { ok: true; entry: { id: string; personId: string | null; displayName: string; reason: string | null; organisation: string | null } }
  | { ok: false; error: 'file_vide' | 'deja_pris' };

/** Prend une personne précise, ou la suivante (urgences d'abord, puis ordre d'arrivée). */
export async function takeFromQueue({ tx, actor, now }: RequestContext, entryId: string | null): Promise<TakeResult> {
  const [entry] = await tx
    .select()
    .from(queueEntries)
    .where(entryId ? and(waiting(actor, now), eq(queueEntries.id, entryId)) : waiting(actor, now))
    .orderBy(desc(queueEntries.urgent), asc(queueEntries.arrivedAt))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!entry) return { ok: false, error: entryId ? 'deja_pris' : 'file_vide' };
  await tx
    .update(queueEntries)
    .set({ takenAt: now, takenBy: actor.userId })
    .where(and(eq(queueEntries.structureId, actor.structureId), eq(queueEntries.id, entry.id)));
  await recordAudit(tx, actor, 'file.prise_en_charge', { type: 'file', id: entry.id });
  await notifyStructure(tx, actor.structureId, QUEUE_TOPIC);
  return { ok: true, entry };
}

/**
 * La personne est repartie sans avoir été reçue (en attente ou prise sans suite) : on le note, pour mesurer ce que la
 * file coûte ; elle ne compte pas comme reçue.
 */
export async function markLeft({ tx, actor, now }: RequestContext, entryId: string) {
  const [entry] = await tx
    .update(queueEntries)
    .set({ leftAt: now, takenAt: null, takenBy: null })
    .where(and(open(actor), eq(queueEntries.id, entryId)))
    .returning({ id: queueEntries.id });
  if (!entry) return { ok: false as const, error: 'deja_pris' as const };
  await recordAudit(tx, actor, 'file.depart_sans_rdv', { type: 'file', id: entry.id });
  await notifyStructure(tx, actor.structureId, QUEUE_TOPIC);
  return { ok: true as const };
}

/** Remettre dans la file une personne prise en charge sans suite : elle retrouve sa place (heure d'arrivée gardée). */
export async function releaseToQueue({ tx, actor, now }: RequestContext, entryId: string) {
  const [entry] = await tx
    .update(queueEntries)
    .set({ takenAt: null, takenBy: null })
    .where(and(inProgress(actor, now), eq(queueEntries.id, entryId)))
    .returning({ id: queueEntries.id });
  if (!entry) return { ok: false as const, error: 'deja_pris' as const };
  await recordAudit(tx, actor, 'file.remise', { type: 'file', id: entry.id });
  await notifyStructure(tx, actor.structureId, QUEUE_TOPIC);
  return { ok: true as const };
}

/** L'arrivée prise en charge, pour préremplir la sollicitation (personne, organisme, motif). */
export async function readQueueEntry({ tx, actor }: RequestContext, entryId: string) {
  const [entry] = await tx
    .select()
    .from(queueEntries)
    .where(and(eq(queueEntries.structureId, actor.structureId), eq(queueEntries.id, entryId)));
  return entry ?? null;
}
