// Le périmètre SQL d'un jeu de filtres : les sollicitations de la structure qui répondent aux filtres, avec
// l'âge et la commune de la personne quand ils servent. Partagé par les indicateurs et les exports.
import { sql, type SQL } from 'drizzle-orm';
import type { SteeringFilters } from './filters';
import { zoneSql } from '../../platform/time.server';

/** La tranche d'âge Coop au moment de la sollicitation : celle notée pour une personne anonyme, sinon calculée. */
export const AGE_BAND_SQL = sql`coalesce(s.anonymous_age_band, case
  when p.birth_year is null then 'non_communique'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 12 then 'moins_de_douze'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 18 then 'douze_dix_huit'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 25 then 'dix_huit_vingt_quatre'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 40 then 'vingt_cinq_trente_neuf'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 60 then 'quarante_cinquante_neuf'
  when extract(year from s.occurred_at at time zone ${zoneSql()}) - p.birth_year < 70 then 'soixante_soixante_neuf'
  else 'soixante_dix_plus' end)`;

/**
 * Qui compte pour « personnes distinctes » : la clé statistique de la personne, que ses sollicitations de plus de 2 ans
 * portent seules une fois leur lien rompu (purge de conservation) ; une même personne compte une fois de part et
 * d'autre de cette date. Demande la jointure `p` des personnes.
 */
export const PERSON_KEY_SQL = sql`coalesce(p.stats_key, s.anonymous_person, s.person_id)`;

export const COMMUNE_SQL = sql`coalesce(p.commune_name, s.anonymous_commune)`;

/** Début et fin (exclue) de la période, en heure de Paris. */
export const periodStart = (filters: SteeringFilters) => sql`(${filters.du}::date)::timestamp at time zone ${zoneSql()}`;
export const periodEnd = (filters: SteeringFilters) => sql`(${filters.au}::date + 1)::timestamp at time zone ${zoneSql()}`;

/** Les conditions des filtres autres que la période (la période est appliquée par chaque requête). */
export function filterConditions(structureId: string, filters: SteeringFilters): SQL {
  const conditions: SQL[] = [sql`s.structure_id = ${structureId}`];
  if (filters.lieu) conditions.push(sql`s.site_id = ${filters.lieu}`);
  if (filters.mediateur) conditions.push(sql`s.mediator_id = ${filters.mediateur}`);
  if (filters.organisme) conditions.push(sql`${filters.organisme} = any(s.organisations)`);
  if (filters.thematique) conditions.push(sql`s.theme = ${filters.thematique}`);
  if (filters.niveau) conditions.push(sql`s.level = ${filters.niveau}`);
  if (filters.mode) conditions.push(sql`s.mode = ${filters.mode}`);
  if (filters.resultat) conditions.push(sql`s.outcome = ${filters.resultat}`);
  if (filters.canal) conditions.push(sql`s.channel = ${filters.canal}`);
  if (filters.age) conditions.push(sql`${AGE_BAND_SQL} = ${filters.age}`);
  if (filters.commune) conditions.push(sql`lower(${COMMUNE_SQL}) = lower(${filters.commune})`);
  return sql.join(conditions, sql` and `);
}

/** Les sollicitations et, seulement si un filtre en a besoin, leur personne. */
export const solicitationsFrom = (filters: SteeringFilters) =>
  filters.age || filters.commune
    ? sql`solicitations s left join persons p on p.structure_id = s.structure_id and p.id = s.person_id`
    : sql`solicitations s`;
