// Les exports du pilotage, diffusés par lots : jamais toute une période en mémoire. Le flux survit à la requête :
// chaque lot est lu dans sa propre transaction courte, aux réglages de l'agent (décision 012 ; la base embarquée
// n'a qu'une connexion : un export ne bloque pas les autres pages).
import { sqlRows } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { RequestContext } from '../../platform/request.server';
import type { Services } from '../../platform/services.server';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { structures } from '../../platform/schema';
import { resolveCommune } from '../reception/communes.server';
import type { ExportRow, Place } from './coop';
import type { SteeringFilters } from './filters';
import { AGE_BAND_SQL, COMMUNE_SQL, filterConditions, periodEnd, periodStart } from './scope.server';

const BATCH = 2000;

interface RawRow {
  id: string;
  occurred_at: string;
  site: string | null;
  site_street: string | null;
  site_postal_code: string | null;
  site_city: string | null;
  site_insee: string | null;
  organisations: string[];
  procedure: string | null;
  theme: string | null;
  channel: string;
  level: string;
  mode: string;
  equipment: string[];
  autonomy: string | null;
  skills: string[];
  duration_minutes: number;
  outcome: string;
  blocked_cause: string | null;
  redirection: string | null;
  age_band: string;
  commune: string | null;
  commune_postal_code: string | null;
  commune_insee: string | null;
  gender: string | null;
}

/** Les sollicitations de la période, par lots, dans l'ordre du temps (pagination par clé : stable et rapide). */
export async function* exportRows(services: Services, actor: Actor, filters: SteeringFilters, batch = BATCH): AsyncGenerator<ExportRow[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const cursor: { at: string; id: string } | null = after;
    const rows: RawRow[] = await transaction(services.database, actor, (tx) =>
      sqlRows<RawRow>(
        tx,
        sql`select s.id, s.occurred_at, site.name as site, site.street as site_street, site.postal_code as site_postal_code,
            site.city as site_city, site.insee_code as site_insee, s.organisations, s.procedure, s.theme, s.channel, s.level, s.mode,
            s.equipment, s.autonomy, s.skills, s.duration_minutes, s.outcome, s.blocked_cause, s.redirection, ${AGE_BAND_SQL} as age_band,
            ${COMMUNE_SQL} as commune, p.postal_code as commune_postal_code, p.commune_insee, s.anonymous_gender as gender
          from solicitations s left join persons p on p.structure_id = s.structure_id and p.id = s.person_id
            left join places site on site.structure_id = s.structure_id and site.id = s.site_id
          where ${filterConditions(actor.structureId, filters)}
            and s.occurred_at >= ${periodStart(filters)} and s.occurred_at < ${periodEnd(filters)}
            ${cursor ? sql`and (s.occurred_at, s.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
          order by s.occurred_at, s.id
          limit ${batch}`,
      ),
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      occurredAt: new Date(r.occurred_at),
      site: r.site ? { name: r.site, street: r.site_street, postalCode: r.site_postal_code, city: r.site_city, insee: r.site_insee } : null,
      organisations: r.organisations,
      procedure: r.procedure,
      theme: r.theme,
      channel: r.channel,
      level: r.level,
      mode: r.mode,
      equipment: r.equipment,
      autonomy: r.autonomy,
      skills: r.skills,
      durationMinutes: r.duration_minutes,
      outcome: r.outcome,
      blockedCause: r.blocked_cause,
      redirection: r.redirection,
      ageBand: r.age_band,
      commune: r.commune,
      communePostalCode: r.commune_postal_code,
      communeInsee: r.commune_insee,
      gender: r.gender,
    }));
    const last: RawRow = rows.at(-1)!;
    after = { at: new Date(last.occurred_at).toISOString(), id: last.id };
    if (rows.length < batch) return;
  }
}

/**
 * La structure comme lieu (nom, adresse, commune et son code INSEE retrouvé par le code postal) : là où la Coop met
 * une activité à distance, et une activité sur place sans lieu d'accueil noté.
 */
export async function structurePlace(tx: Tx, structureId: string): Promise<Place> {
  const [row] = await tx
    .select({ name: structures.name, street: structures.street, postalCode: structures.postalCode, city: structures.city })
    .from(structures)
    .where(eq(structures.id, structureId));
  if (!row) throw new Error('Structure introuvable');
  const resolved = row.postalCode ? resolveCommune(row.postalCode, row.city) : null;
  const commune = resolved?.ok ? resolved.commune : null;
  return { ...row, city: commune?.nom ?? row.city, insee: commune?.code ?? null };
}

export const recordExport = ({ tx, actor }: RequestContext, kind: string, filters: SteeringFilters) =>
  recordAudit(tx, actor, 'pilotage.export', undefined, { fichier: kind, ...filters });

/** Un flux d'octets à partir de lignes de texte produites au fil de l'eau. */
export function textStream(lines: AsyncIterable<string>) {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
