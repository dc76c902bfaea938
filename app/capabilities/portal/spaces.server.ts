// L'espace personnel d'une personne : ouvert par un agent avec l'accord de la personne, fermé par un agent. Chaque
// ouverture et fermeture est au journal d'audit, dans la transaction de la requête.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { persons } from '../reception/schema';
import { residentSpaces } from './schema';
import { channelProblem, type SpaceOpeningInput } from './rules';

export type OpeningResult = { ok: true; spaceId: string } | { ok: false; field: 'channel' | 'formulaire'; message: string };

/** Ouvre l'espace ; null si la personne n'est pas de la structure (ou a été anonymisée). */
export async function openSpace(
  { tx, actor, now }: RequestContext,
  personId: string,
  input: SpaceOpeningInput,
): Promise<OpeningResult | null> {
  const [person] = await tx
    .select({ phone: persons.phone, email: persons.email })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId), isNull(persons.anonymisedAt)));
  if (!person) return null;
  const problem = channelProblem(input.channel, person);
  if (problem) return { ok: false, field: 'channel', message: problem };
  // Deux agents qui ouvrent en même temps : l'index unique garde un seul espace ouvert, le second est prévenu.
  const [space] = await tx
    .insert(residentSpaces)
    .values({ structureId: actor.structureId, personId, signInChannel: input.channel, consentAt: now, openedBy: actor.userId })
    .onConflictDoNothing()
    .returning({ id: residentSpaces.id });
  if (!space) return { ok: false, field: 'formulaire', message: 'Cette personne a déjà un espace ouvert.' };
  await recordAudit(tx, actor, 'espace.ouvert', { type: 'personne', id: personId }, { moyen: input.channel });
  return { ok: true, spaceId: space.id };
}

/** Ferme l'espace ouvert de la personne ; faux s'il n'y en avait pas. */
export async function closeSpace({ tx, actor, now }: RequestContext, personId: string): Promise<boolean> {
  const closed = await tx
    .update(residentSpaces)
    .set({ closedAt: now, closedBy: actor.userId })
    .where(and(eq(residentSpaces.structureId, actor.structureId), eq(residentSpaces.personId, personId), isNull(residentSpaces.closedAt)))
    .returning({ id: residentSpaces.id });
  if (closed.length === 0) return false;
  await recordAudit(tx, actor, 'espace.ferme', { type: 'personne', id: personId });
  return true;
}

/** La page « Espace personnel » d'une fiche : la personne, ses contacts, son espace ouvert et les précédents. */
export async function readSpacesOf({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName, phone: persons.phone, email: persons.email })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId), isNull(persons.anonymisedAt)));
  if (!person) return null;
  const openers = alias(users, 'opener');
  const closers = alias(users, 'closer');
  const spaces = await tx
    .select({
      id: residentSpaces.id,
      channel: residentSpaces.signInChannel,
      consentAt: residentSpaces.consentAt,
      openedBy: openers.displayName,
      closedAt: residentSpaces.closedAt,
      closedBy: closers.displayName,
    })
    .from(residentSpaces)
    .innerJoin(openers, eq(openers.id, residentSpaces.openedBy))
    .leftJoin(closers, eq(closers.id, residentSpaces.closedBy))
    .where(and(eq(residentSpaces.structureId, actor.structureId), eq(residentSpaces.personId, personId)))
    .orderBy(desc(residentSpaces.consentAt));
  return {
    person,
    open: spaces.find((space) => space.closedAt === null) ?? null,
    closed: spaces.filter((space) => space.closedAt !== null),
  };
}
