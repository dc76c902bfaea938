// Recherche dans l'annuaire par besoin, public, prise en charge, frais, modalité, typologie, ouverture et
// distance. Le SQL filtre et range par distance (haversine) ; l'ouverture se lit ensuite avec opening_hours,
// une fois par valeur d'horaires distincte ; seule la page affichée est lue en entier.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { places, structures } from '../../db/schema';
import { transaction } from '../../db/transaction.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import { fold } from '../../platform/text';
import { isOpenAt, isOpenOnDay, openingStatus, type OpeningStatus } from './opening-hours';
import { PAGE_SIZE, type PlaceSearch } from './rules';

export interface Origin {
  label: string;
  latitude: number;
  longitude: number;
}

export interface PlaceHit {
  id: string;
  name: string;
  typologies: string[];
  street: string;
  postalCode: string;
  city: string;
  phone: string | null;
  services: string[];
  distanceKm: number | null;
  status: OpeningStatus | null;
}

export interface PlaceSearchResult {
  total: number;
  page: number;
  pages: number;
  hits: PlaceHit[];
  origin: Origin | null;
  notices: string[];
}

/** Le point de départ choisi, ou pourquoi il manque. */
async function originOf(tx: Tx, actor: Actor, from: PlaceSearch['from']): Promise<{ origin: Origin | null; notice?: string }> {
  if (!from) return { origin: null };
  if (from.kind === 'position') return { origin: { label: 'votre position', latitude: from.latitude, longitude: from.longitude } };
  if (from.kind === 'structure') {
    const [row] = await tx.select().from(structures).where(eq(structures.id, actor.structureId));
    if (row?.latitude == null || row.longitude == null)
      return { origin: null, notice: "La position de votre structure n'est pas renseignée (Administration › Structure) : la distance n'est pas calculée." };
    return { origin: { label: row.name, latitude: row.latitude, longitude: row.longitude } };
  }
  const [row] = await tx.select().from(places).where(and(eq(places.structureId, actor.structureId), eq(places.id, from.placeId)));
  if (!row) return { origin: null, notice: "Ce lieu de départ n'existe pas dans votre annuaire : la distance n'est pas calculée." };
  if (row.latitude == null || row.longitude == null) return { origin: null, notice: `« ${row.name} » n'a pas de coordonnées : la distance n'est pas calculée.` };
  return { origin: { label: row.name, latitude: row.latitude, longitude: row.longitude } };
}

const distanceFrom = (origin: Origin) => sql`(2 * 6371 * asin(sqrt(
  power(sin(radians(${places.latitude} - ${origin.latitude}) / 2), 2)
  + cos(radians(${origin.latitude})) * cos(radians(${places.latitude})) * power(sin(radians(${places.longitude} - ${origin.longitude}) / 2), 2))))`;

function conditions(actor: Actor, search: PlaceSearch, distance: SQL | null): SQL[] {
  const where: SQL[] = [sql`${places.structureId} = ${actor.structureId}`, sql`${places.active}`];
  const has = (column: SQL | typeof places.services, value: string) => sql`${value} = any(${column})`;
  if (search.q) where.push(sql`${places.searchText} like ${`%${fold(search.q).replace(/[%_\\]/g, '\\$&')}%`}`);
  if (search.need?.kind === 'service') where.push(has(places.services, search.need.value));
  if (search.need?.kind === 'organisme') where.push(has(sql`${places.organisations}`, search.need.value));
  if (search.need?.kind === 'thematique') where.push(has(sql`${places.themes}`, search.need.value));
  if (search.public) where.push(has(sql`${places.publics}`, search.public));
  if (search.specificSupport) where.push(has(sql`${places.specificSupport}`, search.specificSupport));
  if (search.fees) where.push(has(sql`${places.fees}`, search.fees));
  if (search.modality) where.push(sql`(${has(sql`${places.accessModes}`, search.modality)} or ${has(sql`${places.supportModes}`, search.modality)})`);
  if (search.typology) where.push(has(sql`${places.typologies}`, search.typology));
  if (distance && search.radiusKm) where.push(sql`${distance} <= ${search.radiusKm}`);
  return where;
}

export async function searchPlaces(services: Services, actor: Actor, search: PlaceSearch, now: Date): Promise<PlaceSearchResult> {
  return transaction(services.database, actor, async (tx) => {
    const { origin, notice } = await originOf(tx, actor, search.from);
    const distance = origin ? distanceFrom(origin) : null;
    const candidates = await sqlRows<{ id: string; opening_hours: string | null; distance_km: number | null }>(
      tx,
      sql`select ${places.id} as id, ${places.openingHours} as opening_hours, ${distance ?? sql`null::float8`} as distance_km
        from ${places} where ${sql.join(conditions(actor, search, distance), sql` and `)}
        order by distance_km asc nulls last, ${places.name} asc, ${places.id} asc`,
    );
    const matching = search.open ? candidates.filter(openFilter(search.open, now)) : candidates;
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    const page = Math.min(search.page, pages);
    const shown = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const rows = shown.length ? await tx.select().from(places).where(and(eq(places.structureId, actor.structureId), inArray(places.id, shown.map((s) => s.id)))) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const hits = shown.map(({ id, distance_km }) => {
      const row = byId.get(id)!;
      return {
        id,
        name: row.name,
        typologies: row.typologies,
        street: row.street,
        postalCode: row.postalCode,
        city: row.city,
        phone: row.phone,
        services: row.services,
        distanceKm: distance_km === null ? null : Number(distance_km),
        status: openingStatus(row.openingHours, now),
      };
    });
    return { total: matching.length, page, pages, hits, origin, notices: notice ? [notice] : [] };
  });
}

/** Ouvert maintenant, ou tel jour : une seule évaluation par valeur d'horaires distincte. */
function openFilter(open: NonNullable<PlaceSearch['open']>, now: Date) {
  const day = open.kind === 'jour' ? new Date(`${open.day}T00:00:00`) : null;
  const memo = new Map<string, boolean>();
  return ({ opening_hours: hours }: { opening_hours: string | null }) => {
    if (!hours) return false;
    let open = memo.get(hours);
    if (open === undefined) {
      open = day ? isOpenOnDay(hours, day) : isOpenAt(hours, now);
      memo.set(hours, open);
    }
    return open;
  };
}
