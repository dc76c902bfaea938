// Côté agent : les demandes des habitants (correction, effacement), à traiter dans le mois. La réponse est écrite à la
// personne (elle la lit dans « Mes données ») et inscrite au journal d'audit.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { users } from '../../platform/schema';
import { persons } from '../reception/schema';
import { residentRequests } from './schema';

/** Les demandes sans réponse de la structure, la plus pressée d'abord. */
export async function openRequests({ tx, actor }: RequestContext) {
  const rows = await tx
    .select({ request: residentRequests, firstName: persons.firstName, lastName: persons.lastName })
    .from(residentRequests)
    .innerJoin(persons, and(eq(persons.structureId, residentRequests.structureId), eq(persons.id, residentRequests.personId)))
    .where(and(eq(residentRequests.structureId, actor.structureId), isNull(residentRequests.answeredAt)))
    .orderBy(asc(residentRequests.dueAt))
    .limit(200);
  await recordAudit(tx, actor, 'demandes_habitants.consultees', undefined, { lignes: rows.length });
  return rows;
}

/** Les demandes d'une personne (page « Espace personnel » de sa fiche), avec qui y a répondu. */
export function requestsOfPerson({ tx, actor }: RequestContext, personId: string) {
  const answerers = alias(users, 'answerer');
  return tx
    .select({ request: residentRequests, answeredBy: answerers.displayName })
    .from(residentRequests)
    .leftJoin(answerers, eq(answerers.id, residentRequests.answeredBy))
    .where(and(eq(residentRequests.structureId, actor.structureId), eq(residentRequests.personId, personId)))
    .orderBy(desc(residentRequests.createdAt))
    .limit(50);
}

export type AnswerResult = { ok: true } | { ok: false; error: 'introuvable' | 'reponse_vide' | 'deja_repondue' };

/** Répond à une demande de la personne : la réponse lui est montrée ; une demande ne reçoit qu'une réponse. */
export async function answerRequest(
  { tx, actor, now }: RequestContext,
  personId: string,
  requestId: string,
  answer: string,
): Promise<AnswerResult> {
  const text = answer.trim().slice(0, 2000);
  const [request] = await tx
    .select()
    .from(residentRequests)
    .where(
      and(eq(residentRequests.structureId, actor.structureId), eq(residentRequests.personId, personId), eq(residentRequests.id, requestId)),
    );
  if (!request) return { ok: false, error: 'introuvable' };
  if (request.answeredAt) return { ok: false, error: 'deja_repondue' };
  if (!text) return { ok: false, error: 'reponse_vide' };
  await tx
    .update(residentRequests)
    .set({ answeredAt: now, answeredBy: actor.userId, answer: text })
    .where(
      and(eq(residentRequests.structureId, actor.structureId), eq(residentRequests.id, requestId), isNull(residentRequests.answeredAt)),
    );
  await recordAudit(tx, actor, 'demande_habitant.repondue', { type: 'personne', id: personId }, { type: request.kind });
  return { ok: true };
}
