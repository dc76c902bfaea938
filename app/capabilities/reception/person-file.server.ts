// La fiche d'une personne et son historique, du plus récent au plus ancien : chaque capacité y apporte ses événements
// (app/person-timeline.server.ts). Chaque lecture est tracée.
import { and, eq } from 'drizzle-orm';
import { users } from '../../platform/schema';
import { persons } from './schema';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { personTimeline } from '../../person-timeline.server';
import { organisationLabels } from './organisations';
import { catalogIn } from './organisations.server';
import { retentionStatus } from './retention.server';

/** La fiche, ou null si la personne n'existe pas dans la structure (même réponse qu'ailleurs : 404). */
export async function readPersonFile({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select()
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const [consentAgent] = person.consentBy
    ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, person.consentBy))
    : [];
  const timeline = await personTimeline(tx, actor, personId);
  await recordAudit(tx, actor, 'personne.consultee', { type: 'personne', id: personId });
  return {
    person,
    consentByName: consentAgent?.name ?? null,
    timeline,
    retention: await retentionStatus(tx, person),
    organisationLabels: organisationLabels(await catalogIn(tx)),
  };
}
