// Les lieux de l'annuaire d'une structure : lecture, création, modification, retrait. Chaque écriture passe
// par readNationalRecord (format national) et rejoint le journal d'audit.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../../db/database.server';
import { places } from './schema';
import { structures } from '../../platform/schema';
import { recordAudit } from '../../platform/audit.server';
import { searchKey } from '../../platform/text';
import type { NationalPlace } from './national-format';
import type { RequestContext } from '../../platform/request.server';

export type PlaceRow = typeof places.$inferSelect;

export interface PlaceExtras {
  organisations: string[];
  themes: string[];
  /** La structure inscrite sur Relais qui reçoit les orientations vers ce lieu. */
  partnerStructureId?: string | null;
  /** Un lieu d'accueil de la structure elle-même : il se choisit à la saisie des sollicitations et filtre le pilotage. */
  receptionSite?: boolean;
}

/** Les seules colonnes du format national d'une ligne (pour l'export et le formulaire). */
export function nationalPlaceOf(row: PlaceRow): NationalPlace {
  const {
    structureId: _s,
    id: _i,
    searchText: _t,
    organisations: _o,
    themes: _th,
    partnerStructureId: _p,
    receptionSite: _r,
    active: _a,
    createdAt: _c,
    updatedAt: _u,
    updatedBy: _b,
    ...national
  } = row;
  return national;
}

export const placeValues = (structureId: string, place: NationalPlace, extras?: PlaceExtras) => ({
  structureId,
  ...place,
  searchText: searchKey(place.name, place.city),
  ...(extras ?? {}),
});

export async function readPlace({ tx, actor }: RequestContext, id: string) {
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.id, id)));
  return row ?? null;
}

/** Les lieux actifs de la structure, par nom : pour choisir un point de départ ou une destination. */
export async function listPlaceNames({ actor, tx }: RequestContext) {
  return tx
    .select({ id: places.id, name: places.name, city: places.city, latitude: places.latitude, longitude: places.longitude })
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
    .orderBy(asc(places.name));
}

export type SavePlaceResult = { ok: true; id: string } | { ok: false; error: 'identifiant_pris' | 'introuvable' };

export async function createPlace(
  { tx: requestTx, actor }: RequestContext,
  place: Omit<NationalPlace, 'nationalId'> & { nationalId?: string },
  extras: PlaceExtras,
): Promise<SavePlaceResult> {
  try {
    // Un point de sauvegarde : le conflit d'unicité n'annule pas le reste de la requête.
    return await requestTx.transaction(async (tx) => {
      const id = crypto.randomUUID();
      // Un lieu créé dans Relais prend son identifiant Relais comme identifiant national.
      const national = { ...place, nationalId: place.nationalId ?? id };
      await tx.insert(places).values({ ...placeValues(actor.structureId, national, extras), id, updatedBy: actor.userId });
      await recordAudit(tx, actor, 'lieu.cree', { type: 'lieu', id }, { nom: place.name });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'identifiant_pris' };
    throw error;
  }
}

export async function updatePlace(
  { tx: requestTx, actor }: RequestContext,
  id: string,
  place: NationalPlace,
  extras: PlaceExtras,
): Promise<SavePlaceResult> {
  try {
    // Un point de sauvegarde : le conflit d'unicité n'annule pas le reste de la requête.
    return await requestTx.transaction(async (tx) => {
      const updated = await tx
        .update(places)
        .set({ ...placeValues(actor.structureId, place, extras), updatedAt: sql`now()`, updatedBy: actor.userId })
        .where(and(eq(places.structureId, actor.structureId), eq(places.id, id)))
        .returning({ id: places.id });
      if (updated.length === 0) return { ok: false as const, error: 'introuvable' as const };
      await recordAudit(tx, actor, 'lieu.modifie', { type: 'lieu', id }, { nom: place.name });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'identifiant_pris' };
    throw error;
  }
}

/** Les autres structures inscrites sur Relais, qui peuvent recevoir les orientations vers un lieu. */
/** Les structures partenaires (partenariat accepté des deux côtés) : les seules à qui relier un lieu. */
export async function listPartnerStructures({ actor, tx }: RequestContext) {
  return tx
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(and(ne(structures.id, actor.structureId), sql`relais_partners(${structures.id}, ${actor.structureId})`))
    .orderBy(asc(structures.name))
    .limit(2000);
}

/** Le nom d'une structure partenaire (les noms des structures sont publics). */
export async function readStructureName({ tx }: RequestContext, structureId: string) {
  const [row] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, structureId));
  return row?.name ?? null;
}

/** Retirer de l'annuaire (ou y remettre) : rien n'est effacé. */
export async function setPlaceActive({ tx, actor }: RequestContext, id: string, active: boolean) {
  const updated = await tx
    .update(places)
    .set({ active, updatedAt: sql`now()`, updatedBy: actor.userId })
    .where(and(eq(places.structureId, actor.structureId), eq(places.id, id)))
    .returning({ id: places.id });
  if (updated.length === 0) return false;
  await recordAudit(tx, actor, active ? 'lieu.remis' : 'lieu.retire', { type: 'lieu', id });
  return true;
}
