// Les lieux d'accueil de la structure : les lieux de son annuaire marqués « nous recevons le public ici ». La saisie
// propose les ouverts ; le pilotage filtre aussi sur ceux qu'on a retirés, pour l'histoire.
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { places } from '../directory/schema';
import { solicitations } from './schema';
import type { Actor } from '../../platform/policies';

export interface ReceptionSite {
  id: string;
  name: string;
  active: boolean;
}

/** Par nom ; aussi lue par le semis de la démonstration, d'où la structure plutôt que l'agent. */
export function receptionSitesIn(tx: Tx, structureId: string, { withRetired = false } = {}): Promise<ReceptionSite[]> {
  return tx
    .select({ id: places.id, name: places.name, active: places.active })
    .from(places)
    .where(and(eq(places.structureId, structureId), eq(places.receptionSite, true), withRetired ? undefined : eq(places.active, true)))
    .orderBy(asc(places.name));
}

/** Le lieu de la dernière sollicitation notée par l'agent : celui qu'on lui propose (il change rarement de lieu). */
export async function lastSiteOf(tx: Tx, actor: Actor): Promise<string | null> {
  const [row] = await tx
    .select({ siteId: solicitations.siteId })
    .from(solicitations)
    .where(
      and(eq(solicitations.structureId, actor.structureId), eq(solicitations.mediatorId, actor.userId), isNotNull(solicitations.siteId)),
    )
    .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
    .limit(1);
  return row?.siteId ?? null;
}
