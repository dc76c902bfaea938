// Le fichier public de données ouvertes d'une structure, si son responsable l'a publié. Lecture sous la RLS de
// cette structure, seulement d'agrégats : aucune ligne de sollicitation ne sort.
import { eq, sql } from 'drizzle-orm';
import { PERSON_KEY_SQL } from './scope.server';
import { sqlRows } from '../../db/database.server';
import { structures } from '../../platform/schema';
import { applySettings } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { OpenDataCell } from './open-data';
import type { RequestContext, RequestScope } from '../../platform/request.server';
import { zoneSql } from '../../platform/time.server';

export async function publishedStructure({ tx }: RequestScope, slug: string) {
  // Les structures se lisent publiquement (nom, adresse) ; seul le drapeau de publication compte ici.
  const [row] = await tx
    .select({ id: structures.id, name: structures.name, published: structures.openDataPublished })
    .from(structures)
    .where(eq(structures.slug, slug));
  return row?.published ? row : null;
}

/** Mois complets seulement (le mois en cours change encore), du plus ancien au plus récent. */
export async function openDataCells({ tx, now }: RequestScope, structureId: string): Promise<OpenDataCell[]> {
  await applySettings(tx, { structureId });
  return sqlRows<OpenDataCell>(
    tx,
    sql`with f as (
          select to_char(date_trunc('month', s.occurred_at at time zone ${zoneSql()}), 'YYYY-MM') as month,
            coalesce(${PERSON_KEY_SQL}, s.id)::text as who, s.theme, s.level, s.mode, s.outcome
          from solicitations s left join persons p on p.structure_id = s.structure_id and p.id = s.person_id
          where s.structure_id = ${structureId}
            and s.occurred_at < date_trunc('month', ${now}::timestamptz at time zone ${zoneSql()}) at time zone ${zoneSql()}
        )
        select month,
          case when grouping(theme) = 0 then 'thematique' when grouping(level) = 0 then 'niveau' when grouping(mode) = 0 then 'mode' else 'resultat' end as dimension,
          coalesce(theme, level, mode, outcome, 'non_renseigne') as value,
          count(*)::int as count,
          count(distinct who)::int as persons
        from f
        group by grouping sets ((month, theme), (month, level), (month, mode), (month, outcome))
        order by month, dimension, value`,
  );
}

export async function setOpenDataPublished({ actor, tx }: RequestContext, published: boolean) {
  await tx.update(structures).set({ openDataPublished: published }).where(eq(structures.id, actor.structureId));
  await recordAudit(tx, actor, published ? 'donnees_ouvertes.publiees' : 'donnees_ouvertes.retirees', {
    type: 'structure',
    id: actor.structureId,
  });
}
