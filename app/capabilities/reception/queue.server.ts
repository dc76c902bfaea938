// La file d'attente de l'accueil : arrivées, prise en charge dans l'ordre (urgences d'abord), départs
// sans avoir été reçu. Les temps d'attente restent pour le pilotage. Chaque changement prévient les écrans.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { persons, queueEntries } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { notifyStructure } from '../../platform/events.server';
import type { Actor } from '../../platform/policies';
import type { ArrivalInput } from './rules';
import type { RequestContext } from '../../platform/request.server';

export const QUEUE_TOPIC = 'file';

const waiting = (actor: Actor) =>
  and(eq(queueEntries.structureId, actor.structureId), isNull(queueEntries.takenAt), isNull(queueEntries.leftAt));

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

export async function listQueue({ tx, actor }: RequestContext) {
  const entries = await tx
    .select({
      id: queueEntries.id,
      personId: queueEntries.personId,
      displayName: queueEntries.displayName,
      reason: queueEntries.reason,
      organisation: queueEntries.organisation,
      urgent: queueEntries.urgent,
      arrivedAt: queueEntries.arrivedAt,
    })
    .from(queueEntries)
    .where(waiting(actor))
    .orderBy(desc(queueEntries.urgent), asc(queueEntries.arrivedAt));
  return entries;
}

export type TakeResult =
  | { ok: true; entry: { id: string; personId: string | null; displayName: string; reason: string | null; organisation: string | null } }
  | { ok: false; error: 'file_vide' | 'deja_pris' };

/** Prend une personne précise, ou la suivante (urgences d'abord, puis ordre d'arrivée). */
export async function takeFromQueue({ tx, actor, now }: RequestContext, entryId: string | null): Promise<TakeResult> {
  const [entry] = await tx
    .select()
    .from(queueEntries)
    .where(entryId ? and(waiting(actor), eq(queueEntries.id, entryId)) : waiting(actor))
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

/** La personne est repartie sans avoir été reçue : on le note, pour mesurer ce que la file coûte. */
export async function markLeft({ tx, actor, now }: RequestContext, entryId: string) {
  const [entry] = await tx
    .update(queueEntries)
    .set({ leftAt: now })
    .where(and(waiting(actor), eq(queueEntries.id, entryId)))
    .returning({ id: queueEntries.id });
  if (!entry) return { ok: false as const, error: 'deja_pris' as const };
  await recordAudit(tx, actor, 'file.depart_sans_rdv', { type: 'file', id: entry.id });
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
