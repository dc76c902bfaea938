// Ce que l'écran de saisie montre d'une personne : son nom et son année de naissance, rien de plus.
import { and, eq } from 'drizzle-orm';
import { persons } from './schema';
import type { RequestContext } from '../../platform/request.server';

export async function readPersonSummary({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName, birthYear: persons.birthYear })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
  return { id: person.id, label: person.birthYear ? `${name} (${person.birthYear})` : name };
}
