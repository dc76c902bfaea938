// Un jeu de données à l'échelle nationale pour mesurer le pilotage sur un serveur PostgreSQL : N structures
// (« national-001 »…), 3 médiateurs et 2 000 personnes chacune, 40 000 sollicitations sur 4 ans chacune
// (250 structures ≈ 10 millions), engendrées par PostgreSQL lui-même (INSERT … SELECT) : quelques minutes.
// Les valeurs suivent des fonctions déterministes du numéro de ligne ; aucune personne réelle.
import { sql } from 'drizzle-orm';
import { sqlRows, type Database } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';

export const NATIONAL_SOLICITATIONS_PER_STRUCTURE = 40_000;
const PERSONS = 2_000;

/** Ajoute les structures manquantes jusqu'à `count` ; renvoie le nombre de structures créées. */
export async function seedNational(
  database: Database,
  count: number,
  today = new Date(),
  log: (line: string) => void = () => {},
  perStructure = NATIONAL_SOLICITATIONS_PER_STRUCTURE,
) {
  let created = 0;
  for (let n = 1; n <= count; n++) {
    const slug = `national-${String(n).padStart(3, '0')}`;
    const done = await operatorTransaction(database, async (tx) => {
      if ((await sqlRows(tx, sql`select 1 from structures where slug = ${slug}`)).length > 0) return false;
      await tx.execute(
        sql`insert into structures (slug, name, typology, city) values (${slug}, ${`CCAS national ${n}`}, 'CCAS', ${`Commune ${n}`})`,
      );
      await tx.execute(sql`
        with s as (select id from structures where slug = ${slug}),
        u as (
          insert into users (email, display_name)
          select ${slug} || '-mediateur-' || g || '@relais.test', 'Médiateur ' || g from generate_series(1, 3) g
          returning id
        )
        insert into memberships (structure_id, user_id, role) select s.id, u.id, 'mediateur' from s, u`);
      await tx.execute(sql`
        insert into persons (structure_id, id, first_name, last_name, search_name, birth_year, commune_name, created_at)
        select s.id, md5(s.id::text || '-' || g)::uuid, 'Personne', 'N' || g, 'personne n' || g, 1935 + (g % 70),
          'Commune ' || (g % 12), ${today}::timestamptz - interval '4 years'
        from structures s, generate_series(1, ${PERSONS}::int) g where s.slug = ${slug}`);
      // Densité croissante (la racine carrée) : plus de demandes chaque année, comme à Alpha.
      await tx.execute(sql`
        with s as (select id, array(select user_id from memberships m where m.structure_id = structures.id) as mediators from structures where slug = ${slug}),
        g as (
          select g, (abs(hashint8(g::bigint)) % 1000003)::int as h, (abs(hashint8(g::bigint * 7919)) % 1000003)::int as k
          from generate_series(1, ${perStructure}::int) g
        )
        insert into solicitations (structure_id, person_id, mediator_id, occurred_at, channel, level, mode, organisations, theme,
          duration_minutes, outcome, blocked_cause, redirection, anonymous_age_band)
        select s.id,
          case when g.h % 10 = 0 then null else md5(s.id::text || '-' || (1 + g.k % ${PERSONS}::int))::uuid end,
          s.mediators[1 + g.g % 3],
          ${today}::timestamptz - interval '4 years' + (interval '4 years' - interval '1 hour') * sqrt(g.g::float / ${perStructure}::int),
          (array['sur_place','sur_place','sur_place','telephone','a_distance','domicile'])[1 + g.h % 6],
          (array['urgence','inclusion','inclusion','montee_en_competences'])[1 + g.k % 4],
          case when g.h % 100 < 50 - 20 * g.g / ${perStructure}::int then 'fait_a_la_place'
               when g.h % 100 < 85 then 'accompagne' else 'forme' end,
          array[(array['caf','caf','cpam','france_travail','dgfip','ants','prefecture','assurance_retraite'])[1 + g.k % 8]],
          (array['social_sante','social_sante','social_sante','travail_formation','argent_impots','papiers_elections_citoyennete','etrangers_europe','social_sante'])[1 + g.k % 8],
          (array[10,15,20,20,30,45])[1 + g.h % 6],
          (array['fait','fait','fait','a_terminer_seul','doit_revenir','bloque','oriente'])[1 + (g.h / 7) % 7],
          case when (g.h / 7) % 7 = 5 then 'institution_site_en_panne' end,
          case when (g.h / 7) % 7 = 6 then 'aide_sociale' end,
          case when g.h % 10 = 0 then 'non_communique' end
        from s, g`);
      return true;
    });
    if (done) {
      created++;
      if (created % 10 === 0) log(`${created} structures créées…`);
    }
  }
  await database.exec('ANALYZE');
  return created;
}
