// Le catalogue des ateliers d'une structure (issue 23) : lister, ajouter, retirer ou remettre. Rien ne s'efface : une
// séance passée garde son atelier.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../db/database.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import type { WorkshopInput } from './rules';
import { workshops } from './schema';

export type Workshop = typeof workshops.$inferSelect;

/** Les ateliers de la structure, ceux du catalogue d'abord, par titre. */
export function listWorkshops(tx: Tx) {
  return tx
    .select()
    .from(workshops)
    .orderBy(sql`${workshops.archivedAt} is not null`, asc(sql`lower(${workshops.title})`));
}

export async function findWorkshop(tx: Tx, structureId: string, id: string): Promise<Workshop | null> {
  const [row] = await tx
    .select()
    .from(workshops)
    .where(and(eq(workshops.structureId, structureId), eq(workshops.id, id)));
  return row ?? null;
}

/** Ajoute l'atelier ; false si un atelier du catalogue porte déjà ce titre (rien n'est écrit). */
export async function addWorkshop({ tx: requestTx, actor }: RequestContext, input: WorkshopInput) {
  const id = await unlessTitleTaken(requestTx, async (tx) => {
    const [row] = await tx
      .insert(workshops)
      .values({ structureId: actor.structureId, ...input, createdBy: actor.userId })
      .returning({ id: workshops.id });
    await recordAudit(tx, actor, 'atelier.ajoute', { type: 'atelier', id: row!.id }, { titre: input.title });
    return row!.id;
  });
  return id === 'doublon' ? false : id;
}

/** Retire (ou remet) un atelier ; 'inconnu' s'il n'est pas de la structure, 'doublon' si le titre est repris. */
export async function setWorkshopArchived({ tx: requestTx, actor, now }: RequestContext, id: string, archived: boolean) {
  return unlessTitleTaken(requestTx, async (tx) => {
    const updated = await tx
      .update(workshops)
      .set({ archivedAt: archived ? now : null })
      .where(
        and(
          eq(workshops.structureId, actor.structureId),
          eq(workshops.id, id),
          archived ? isNull(workshops.archivedAt) : sql`${workshops.archivedAt} is not null`,
        ),
      )
      .returning({ id: workshops.id });
    if (updated.length === 0) return 'inconnu' as const;
    await recordAudit(tx, actor, archived ? 'atelier.retire' : 'atelier.remis', { type: 'atelier', id });
    return 'fait' as const;
  });
}

/**
 * Modifie l'atelier (titre, description, durée…) ; 'inconnu' s'il n'est pas de la structure, 'doublon' si un autre
 * atelier du catalogue porte ce titre. Les séances déjà programmées gardent leurs heures.
 */
export async function updateWorkshop({ tx: requestTx, actor }: RequestContext, id: string, input: WorkshopInput) {
  return unlessTitleTaken(requestTx, async (tx) => {
    const updated = await tx
      .update(workshops)
      .set(input)
      .where(and(eq(workshops.structureId, actor.structureId), eq(workshops.id, id)))
      .returning({ id: workshops.id });
    if (updated.length === 0) return 'inconnu' as const;
    await recordAudit(tx, actor, 'atelier.modifie', { type: 'atelier', id }, { titre: input.title });
    return 'fait' as const;
  });
}

/**
 * Un point de reprise : un titre déjà pris par un atelier du catalogue (index unique) rend 'doublon' sans rien écrire
 * ni annuler le reste de la requête.
 */
async function unlessTitleTaken<T>(requestTx: Tx, work: (tx: Tx) => Promise<T>): Promise<T | 'doublon'> {
  try {
    return await requestTx.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) return 'doublon';
    throw error;
  }
}
