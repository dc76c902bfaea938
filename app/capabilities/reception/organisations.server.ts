// Les organismes propres à une structure : lus avec la liste nationale pour chaque formulaire et chaque
// liste, ajoutés et retirés par un responsable. Un organisme retiré garde son historique.
import { and, eq } from 'drizzle-orm';
import { isUniqueViolation, type Tx } from '../../db/database.server';
import { localOrganisations } from './schema';
import { recordAudit } from '../../platform/audit.server';
import { localCode, organisationCatalog, type OrganisationCatalog } from './organisations';
import type { RequestContext } from '../../platform/request.server';

export async function catalogIn(tx: Tx): Promise<OrganisationCatalog> {
  // La RLS limite la lecture à la structure active.
  const rows = await tx
    .select({
      code: localOrganisations.code,
      label: localOrganisations.label,
      theme: localOrganisations.theme,
      active: localOrganisations.active,
    })
    .from(localOrganisations);
  return organisationCatalog(rows);
}

/** Ajoute un organisme ; `false` si un autre agent vient d'ajouter le même nom. */
export async function addLocalOrganisation({ tx: requestTx, actor }: RequestContext, input: { label: string; theme: string | null }) {
  try {
    // Un point de sauvegarde : le conflit d'unicité n'annule pas le reste de la requête.
    return await requestTx.transaction(async (tx) => {
      const taken = new Set(Object.keys(await catalogIn(tx)));
      const code = localCode(input.label, taken);
      await tx.insert(localOrganisations).values({ structureId: actor.structureId, code, ...input, createdBy: actor.userId });
      await recordAudit(tx, actor, 'organisme.ajoute', { type: 'organisme', id: code }, { libelle: input.label });
      return code;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Retirer de la liste (ou y remettre) : rien n'est effacé, les sollicitations passées gardent leur organisme. */
export async function setLocalOrganisationActive({ tx, actor }: RequestContext, code: string, active: boolean) {
  const updated = await tx
    .update(localOrganisations)
    .set({ active })
    .where(and(eq(localOrganisations.structureId, actor.structureId), eq(localOrganisations.code, code)))
    .returning({ code: localOrganisations.code });
  if (updated.length === 0) return false;
  await recordAudit(tx, actor, active ? 'organisme.remis' : 'organisme.retire', { type: 'organisme', id: code });
  return true;
}
