// Recherche dans l'annuaire par besoin, public, prise en charge, frais, modalité, typologie, ouverture et
// distance. Le SQL filtre, compte et range par distance, et ne rend que la page affichée ;
// l'ouverture se lit avec opening_hours, une fois par valeur d'horaires distincte de l'annuaire.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { places } from './schema';
import { structures } from '../../platform/schema';
import type { Actor } from '../../platform/policies';
import type { RequestContext } from '../../platform/request.server';
import { fold } from '../../platform/text';
import { isOpenAt, isOpenOnDay, openingStatus, type OpeningStatus } from './opening-hours';
import { KM_PER_DEGREE, PAGE_SIZE, selfServiceOnly, type PlaceSearch } from './rules';
import { startOfDay } from '../../platform/time';

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
  /** Libre-service seulement : aucune aide sur place. */
  selfService: boolean;
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
async function originOf(
  tx: Tx,
  actor: Pick<Actor, 'structureId'>,
  from: PlaceSearch['from'],
): Promise<{ origin: Origin | null; notice?: string }> {
  if (!from) return { origin: null };
  if (from.kind === 'position') return { origin: { label: 'votre position', latitude: from.latitude, longitude: from.longitude } };
  if (from.kind === 'structure') {
    const [row] = await tx.select().from(structures).where(eq(structures.id, actor.structureId));
    if (row?.latitude == null || row.longitude == null)
      return {
        origin: null,
        notice: "La position de votre structure n'est pas renseignée (Administration › Structure) : la distance n'est pas calculée.",
      };
    return { origin: { label: row.name, latitude: row.latitude, longitude: row.longitude } };
  }
  const [row] = await tx
    .select()
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.id, from.placeId)));
  if (!row) return { origin: null, notice: "Ce lieu de départ n'existe pas dans votre annuaire : la distance n'est pas calculée." };
  if (row.latitude == null || row.longitude == null)
    return { origin: null, notice: `« ${row.name} » n'a pas de coordonnées : la distance n'est pas calculée.` };
  return { origin: { label: row.name, latitude: row.latitude, longitude: row.longitude } };
}

/** La distance de `distanceKm` (rules.ts), en SQL : une racine carrée par lieu, pas de trigonométrie. */
const distanceFrom = (origin: Origin) => {
  const k = Math.cos((origin.latitude * Math.PI) / 180);
  return sql`(${KM_PER_DEGREE} * sqrt(power(${places.latitude} - ${origin.latitude}, 2) + power((${places.longitude} - ${origin.longitude}) * ${k}, 2)))`;
};

/** Le carré qui contient le cercle du rayon : un filtre simple avant la distance. */
const boundingBox = (origin: Origin, radiusKm: number) => {
  const dLat = radiusKm / KM_PER_DEGREE;
  const dLon = dLat / Math.cos((origin.latitude * Math.PI) / 180);
  return sql`${places.latitude} between ${origin.latitude - dLat} and ${origin.latitude + dLat} and ${places.longitude} between ${origin.longitude - dLon} and ${origin.longitude + dLon}`;
};

function conditions(actor: Pick<Actor, 'structureId'>, search: PlaceSearch, origin: Origin | null, distance: SQL | null): SQL[] {
  const where: SQL[] = [sql`${places.structureId} = ${actor.structureId}`, sql`${places.active}`];
  // « contient » (@>) plutôt que « = any » : les index GIN des listes servent (migration 0015).
  const has = (column: SQL, value: string) => sql`${column} @> array[${value}]::text[]`;
  if (search.q) where.push(sql`${places.searchText} like ${`%${fold(search.q).replace(/[%_\\]/g, '\\$&')}%`}`);
  if (search.need?.kind === 'service') where.push(has(sql`${places.services}`, search.need.value));
  if (search.need?.kind === 'organisme') where.push(has(sql`${places.organisations}`, search.need.value));
  if (search.need?.kind === 'thematique') where.push(has(sql`${places.themes}`, search.need.value));
  if (search.public) where.push(has(sql`${places.publics}`, search.public));
  if (search.specificSupport) where.push(has(sql`${places.specificSupport}`, search.specificSupport));
  if (search.fees) where.push(has(sql`${places.fees}`, search.fees));
  if (search.modality)
    where.push(sql`(${has(sql`${places.accessModes}`, search.modality)} or ${has(sql`${places.supportModes}`, search.modality)})`);
  if (search.typology) where.push(has(sql`${places.typologies}`, search.typology));
  if (origin && distance && search.radiusKm) where.push(boundingBox(origin, search.radiusKm), sql`${distance} <= ${search.radiusKm}`);
  return where;
}

export async function searchPlaces(
  { tx, actor, now }: Pick<RequestContext, 'tx' | 'now'> & { actor: Pick<Actor, 'structureId'> },
  search: PlaceSearch,
): Promise<PlaceSearchResult> {
  const { origin, notice } = await originOf(tx, actor, search.from);
  const distance = origin ? distanceFrom(origin) : null;
  const where = conditions(actor, search, origin, distance);
  // L'ouverture se lit une fois par valeur d'horaires distincte de l'annuaire (index places_hours_idx), puis
  // redevient un filtre SQL.
  if (search.open) {
    const values = await sqlRows<{ hours: string }>(
      tx,
      sql`select distinct ${places.openingHours} as hours from ${places} where ${places.structureId} = ${actor.structureId} and ${places.openingHours} is not null`,
    );
    const open = values.map((v) => v.hours).filter(openFilter(search.open, now));
    where.push(
      open.length
        ? sql`${places.openingHours} in (${sql.join(
            open.map((h) => sql`${h}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  const filter = sql.join(where, sql` and `);
  const pageOf = (page: number) =>
    sqlRows<{ id: string; distance_km: number | null; total: number }>(
      tx,
      sql`select ${places.id} as id, ${distance ?? sql`null::float8`} as distance_km, count(*) over ()::int as total
        from ${places} where ${filter}
        order by distance_km asc nulls last, ${places.name} asc, ${places.id} asc
        limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`,
    );
  let page = search.page;
  let ranked = await pageOf(page);
  // Une page au-delà de la dernière (adresse ancienne) : la première page, plutôt qu'une liste vide.
  if (ranked.length === 0 && page > 1) ranked = await pageOf((page = 1));
  const total = ranked[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const rows = ranked.length
    ? await tx
        .select()
        .from(places)
        .where(
          and(
            eq(places.structureId, actor.structureId),
            inArray(
              places.id,
              ranked.map((r) => r.id),
            ),
          ),
        )
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const shown = ranked.map((r) => ({ row: byId.get(r.id)!, distanceKm: r.distance_km }));
  const hits = shown.map(({ row, distanceKm }) => ({
    id: row.id,
    name: row.name,
    typologies: row.typologies,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    phone: row.phone,
    services: row.services,
    selfService: selfServiceOnly(row.supportModes),
    distanceKm: distanceKm === null ? null : Number(distanceKm),
    status: openingStatus(row.openingHours, now),
  }));
  return { total, page, pages, hits, origin, notices: notice ? [notice] : [] };
}

/** Ouvert maintenant, ou tel jour. */
function openFilter(open: NonNullable<PlaceSearch['open']>, now: Date) {
  const day = open.kind === 'jour' ? startOfDay(open.day) : null;
  return (hours: string) => (day ? isOpenOnDay(hours, day) : isOpenAt(hours, now));
}
