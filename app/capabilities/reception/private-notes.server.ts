// Notes privées sur une personne : écrites et lues par leur seul auteur (la RLS l'impose).
import { and, eq } from 'drizzle-orm';
import { persons, privateNotes } from './schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';

export async function addPrivateNote({ tx, actor }: RequestContext, personId: string, body: string) {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return { ok: false as const, error: 'personne_introuvable' as const };
  const [note] = await tx
    .insert(privateNotes)
    .values({ structureId: actor.structureId, personId, authorId: actor.userId, body })
    .returning({ id: privateNotes.id });
  await recordAudit(tx, actor, 'note_privee.ajoutee', { type: 'personne', id: personId });
  return { ok: true as const, id: note!.id };
}
