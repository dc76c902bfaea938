// Les motifs de rendez-vous d'une structure (issue 22) : lister, ajouter, retirer ou remettre. Rien ne s'efface : un
// rendez-vous passé garde son motif.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import type { MotifInput } from './rules';
import { appointmentMotifs } from './schema';

export async function listMotifs(tx: Tx) {
  return tx
    .select()
    .from(appointmentMotifs)
    .orderBy(sql`${appointmentMotifs.archivedAt} is not null`, asc(sql`lower(${appointmentMotifs.name})`));
}

/** Ajoute le motif ; false si un motif actif porte déjà ce nom (rien n'est écrit). */
export async function addMotif({ tx: requestTx, actor }: RequestContext, input: MotifInput) {
  try {
    // Un point de sauvegarde : le conflit d'unicité n'annule pas le reste de la requête.
    return await requestTx.transaction(async (tx) => {
      const [row] = await tx
        .insert(appointmentMotifs)
        .values({ structureId: actor.structureId, ...input, createdBy: actor.userId })
        .returning({ id: appointmentMotifs.id });
      await recordAudit(tx, actor, 'motif_rdv.ajoute', { type: 'motif_rdv', id: row!.id }, { nom: input.name });
      return row!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Retire (ou remet) un motif ; 'inconnu' s'il n'est pas de la structure, 'doublon' si un motif actif a déjà son nom. */
export async function setMotifArchived({ tx: requestTx, actor, now }: RequestContext, id: string, archived: boolean) {
  try {
    return await requestTx.transaction(async (tx) => {
      const updated = await tx
        .update(appointmentMotifs)
        .set({ archivedAt: archived ? now : null })
        .where(
          and(
            eq(appointmentMotifs.structureId, actor.structureId),
            eq(appointmentMotifs.id, id),
            archived ? isNull(appointmentMotifs.archivedAt) : sql`${appointmentMotifs.archivedAt} is not null`,
          ),
        )
        .returning({ id: appointmentMotifs.id });
      if (updated.length === 0) return 'inconnu' as const;
      await recordAudit(tx, actor, archived ? 'motif_rdv.retire' : 'motif_rdv.remis', { type: 'motif_rdv', id });
      return 'fait' as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'doublon' as const;
    throw error;
  }
}
