// Retrouver une personne en quelques lettres : nom ou prénom (sans accents, fautes de frappe tolérées
// par trigrammes), année de naissance ou téléphone.
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../db/database.server';
import { searchKey } from '../../platform/text';
import { NATIONAL_CATALOG, organisationLabels } from './organisations';
import { MIN_SEARCH_LENGTH } from './rules';
import { catalogIn } from './organisations.server';
import type { RequestContext } from '../../platform/request.server';

export interface PersonMatch {
  id: string;
  firstName: string;
  lastName: string | null;
  birthYear: number | null;
  phone: string | null;
  communeName: string | null;
  lastVisit: Date | null;
  /** Libellé du premier organisme de sa dernière venue (liste nationale ou organismes de la structure). */
  lastOrganisation: string | null;
}

/** En dessous de 5 lettres, la recherche floue ramène trop de monde : on cherche les lettres telles quelles. */
const FUZZY_FROM = 5;

export async function searchPersons({ actor, tx }: RequestContext, query: string): Promise<PersonMatch[]> {
  const q = searchKey(query);
  if (q.length < MIN_SEARCH_LENGTH) return [];
  const digits = q.replace(/\D/g, '');
  const byNumber = digits.length >= 4 && digits.length === q.replace(/\s/g, '').length;
  const fuzzy = !byNumber && q.length >= FUZZY_FROM;
  const condition = byNumber
    ? digits.length === 4
      ? sql`(p.birth_year = ${Number(digits)} or replace(p.phone, ' ', '') like ${`%${digits}%`})`
      : sql`replace(p.phone, ' ', '') like ${`%${digits}%`}`
    : fuzzy
      ? sql`(p.search_name like ${`%${q}%`} or ${q} <% p.search_name)`
      : sql`p.search_name like ${`%${q}%`}`;
  // Peu de lettres : un nom ou un prénom qui commence par elles d'abord (moins coûteux que la similarité).
  const score = fuzzy
    ? sql`word_similarity(${q}, p.search_name)`
    : sql`(p.search_name like ${`${q}%`} or p.search_name like ${`% ${q}%`})::int`;
  // Seuil abaissé pour tolérer une faute (« lefebvre » trouve « Lefèvre ») ; le tri garde les meilleurs en tête.
  if (fuzzy) await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
  const rows = await sqlRows<{
    id: string;
    first_name: string;
    last_name: string | null;
    birth_year: number | null;
    phone: string | null;
    commune_name: string | null;
    last_visit: string | null;
    last_organisations: string[] | null;
  }>(
    tx,
    // Les 10 meilleures correspondances d'abord (index de trigrammes), puis leur dernière venue.
    sql`with matches as (
        select p.id, p.first_name, p.last_name, p.birth_year, p.phone, p.commune_name, ${score} as score
        from persons p
        where p.structure_id = ${actor.structureId} and p.anonymised_at is null and ${condition}
        order by score desc, p.search_name
        limit 10
      )
      select m.id, m.first_name, m.last_name, m.birth_year, m.phone, m.commune_name, last.occurred_at as last_visit, last.organisations as last_organisations
      from matches m
      left join lateral (
        select s.occurred_at, s.organisations from solicitations s
        where s.structure_id = ${actor.structureId} and s.person_id = m.id
        order by s.occurred_at desc limit 1
      ) last on true
      order by m.score desc, last.occurred_at desc nulls last`,
  );
  // Les organismes propres à la structure ne sont lus que si l'un d'eux apparaît.
  const anyLocal = rows.some((r) => r.last_organisations?.[0]?.startsWith('local_'));
  const labels = organisationLabels(anyLocal ? await catalogIn(tx) : NATIONAL_CATALOG);
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    birthYear: r.birth_year,
    phone: r.phone,
    communeName: r.commune_name,
    lastVisit: r.last_visit ? new Date(r.last_visit) : null,
    lastOrganisation: r.last_organisations?.[0] ? (labels[r.last_organisations[0]] ?? null) : null,
  }));
}
