// Les pairs-aidants : des habitants accompagnés qui ont accepté d'en aider d'autres, avec ce qu'ils savent
// partager. Retirer son accord efface la ligne.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { peerHelpers } from './schema';
import { persons } from '../reception/schema';
import { recordAudit } from '../../platform/audit.server';
import { personLabel } from '../mandates/mandates.server';
import type { HelperSkill } from './vocabulary';
import type { RequestContext } from '../../platform/request.server';

/** Marque la personne comme pair-aidante (ou met à jour ses compétences) ; false si elle n'est pas de la structure. */
export async function setPeerHelper(
  { actor, tx, now }: RequestContext,
  personId: string,
  input: { skills: HelperSkill[]; availability: string | null },
) {
  const [person] = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return false;
  await tx
    .insert(peerHelpers)
    .values({
      structureId: actor.structureId,
      personId,
      skills: input.skills,
      availability: input.availability,
      consentAt: now,
      consentBy: actor.userId,
    })
    .onConflictDoUpdate({
      target: [peerHelpers.structureId, peerHelpers.personId],
      set: { skills: input.skills, availability: input.availability, consentAt: now, consentBy: actor.userId },
    });
  await recordAudit(tx, actor, 'pair_aidant.enregistre', { type: 'personne', id: personId }, { competences: input.skills });
  return true;
}

/** La personne retire son accord : elle n'est plus proposée comme pair-aidante. */
export async function removePeerHelper({ tx, actor }: RequestContext, personId: string) {
  const removed = await tx
    .delete(peerHelpers)
    .where(and(eq(peerHelpers.structureId, actor.structureId), eq(peerHelpers.personId, personId)))
    .returning({ id: peerHelpers.personId });
  if (removed.length) await recordAudit(tx, actor, 'pair_aidant.retire', { type: 'personne', id: personId });
  return removed.length > 0;
}

/** Les pairs-aidants de la structure (qui partagent au moins une des compétences, hors une personne), par prénom. */
export async function peerHelpersIn(
  tx: Tx,
  structureId: string,
  { skills, excluding }: { skills?: readonly HelperSkill[]; excluding?: string } = {},
) {
  const rows = await tx
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      phone: persons.phone,
      communeName: persons.communeName,
      skills: peerHelpers.skills,
      availability: peerHelpers.availability,
      consentAt: peerHelpers.consentAt,
    })
    .from(peerHelpers)
    .innerJoin(persons, and(eq(persons.structureId, peerHelpers.structureId), eq(persons.id, peerHelpers.personId)))
    .where(
      and(
        eq(peerHelpers.structureId, structureId),
        excluding ? ne(peerHelpers.personId, excluding) : undefined,
        skills ? sql`${peerHelpers.skills} && ${sql.param(skills)}::text[]` : undefined,
      ),
    )
    .orderBy(asc(persons.firstName), asc(persons.lastName));
  return rows.map((r) => ({ ...r, name: personLabel(r) }));
}

/** Les pairs-aidants de la structure, filtrés par compétence. */
export async function listPeerHelpers({ tx, actor }: RequestContext, skill: HelperSkill | null) {
  const helpers = await peerHelpersIn(tx, actor.structureId, { skills: skill ? [skill] : undefined });
  await recordAudit(tx, actor, 'pairs_aidants.consultes', undefined, { competence: skill });
  return helpers;
}
