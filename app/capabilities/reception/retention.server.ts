// La purge de conservation de l'accueil (registre app/db/classification.ts) : après 2 ans, une sollicitation perd son
// lien à la personne et ses textes libres, une arrivée dans la file son nom et son motif ; une fiche sans activité
// depuis 2 ans est anonymisée, 30 jours au moins après avoir été signalée. Les statistiques ne bougent pas : la
// tranche d'âge et la commune de la personne sont recopiées sur la sollicitation (comme pour une sollicitation
// anonyme), et la clé statistique de la fiche garde le compte des personnes distinctes.
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { transaction } from '../../db/transaction.server';
import { recordAudit } from '../../platform/audit.server';
import type { JobDefinition } from '../../platform/jobs/jobs.server';
import { AGE_BAND_SQL } from '../steering/scope.server';

/** Durée de conservation en clair de l'activité et des fiches sans activité. */
export const RETENTION_MONTHS = 24;
/** Une fiche est signalée ce délai avant son anonymisation, qui n'a pas lieu plus tôt. */
export const WARNING_DAYS = 30;
/** Le prénom d'une fiche anonymisée (colonne obligatoire, « pseudonymiser » au registre). */
export const ANONYMOUS_NAME = 'Personne anonymisée';

export interface ReceptionRetention {
  /** Sollicitations détachées de la personne et vidées de leurs textes libres. */
  solicitations: number;
  queueEntries: number;
  personsWarned: number;
  personsAnonymised: number;
}

/**
 * Les colonnes que cette purge vide ou remplace, par table : reception/retention.test.ts vérifie qu'elles sont
 * exactement celles que le registre marque « effacer » ou « pseudonymiser ».
 */
export const PURGED_COLUMNS = {
  solicitations: ['person_id', 'procedure', 'next_step', 'notes'],
  queue_entries: ['person_id', 'display_name', 'reason'],
  persons: ['first_name', 'last_name', 'search_name', 'phone', 'email', 'preferred_contact', 'languages', 'stats_key'],
} as const;

const cutoff = (now: Date) => sql`${now}::timestamptz - make_interval(months => ${RETENTION_MONTHS})`;

export async function applyReceptionRetention(tx: Tx, structureId: string, now: Date): Promise<ReceptionRetention> {
  // Les sollicitations d'une personne identifiée : la tranche d'âge et la commune de l'époque restent, le lien part.
  const linked = await sqlRows(
    tx,
    sql`update solicitations s set
          anonymous_age_band = ${AGE_BAND_SQL},
          anonymous_commune = coalesce(p.commune_name, s.anonymous_commune),
          anonymous_person = p.stats_key,
          person_id = null, procedure = null, next_step = null, notes = null
        from persons p
        where s.structure_id = ${structureId} and p.structure_id = s.structure_id and p.id = s.person_id
          and s.occurred_at < ${cutoff(now)}
        returning s.id`,
  );
  const unlinked = await sqlRows(
    tx,
    sql`update solicitations set procedure = null, next_step = null, notes = null
        where structure_id = ${structureId} and person_id is null and occurred_at < ${cutoff(now)}
          and (procedure is not null or next_step is not null or notes is not null)
        returning id`,
  );
  const queue = await sqlRows(
    tx,
    sql`update queue_entries set person_id = null, display_name = 'Anonyme', reason = null
        where structure_id = ${structureId} and arrived_at < ${cutoff(now)}
          and (person_id is not null or display_name <> 'Anonyme' or reason is not null)
        returning id`,
  );
  // La dernière activité d'une fiche : sa création, ou sa dernière sollicitation encore liée.
  const lastActivity = sql`greatest(p.created_at, (select max(s.occurred_at) from solicitations s
    where s.structure_id = p.structure_id and s.person_id = p.id))`;
  const anonymised = await sqlRows(
    tx,
    sql`update persons p set
          first_name = ${ANONYMOUS_NAME}, last_name = null, search_name = '', phone = null, email = null,
          preferred_contact = null, languages = '{}', stats_key = null, anonymised_at = ${now}
        where p.structure_id = ${structureId} and p.anonymised_at is null
          and ${lastActivity} < ${cutoff(now)}
          and p.retention_warned_at > ${lastActivity}
          and p.retention_warned_at <= ${now}::timestamptz - make_interval(days => ${WARNING_DAYS})
        returning p.id`,
  );
  const warned = await sqlRows(
    tx,
    sql`update persons p set retention_warned_at = ${now}
        where p.structure_id = ${structureId} and p.anonymised_at is null
          and ${lastActivity} < ${cutoff(now)} + make_interval(days => ${WARNING_DAYS})
          and (p.retention_warned_at is null or p.retention_warned_at <= ${lastActivity})
        returning p.id`,
  );
  return {
    solicitations: linked.length + unlinked.length,
    queueEntries: queue.length,
    personsWarned: warned.length,
    personsAnonymised: anonymised.length,
  };
}

export type RetentionStatus = { kind: 'anonymisee'; at: Date } | { kind: 'signalee'; from: Date } | null;

/** Ce que la fiche affiche : anonymisée, ou signalée (et la date d'anonymisation au plus tôt) tant qu'elle n'a pas servi. */
export async function retentionStatus(
  tx: Tx,
  person: { structureId: string; id: string; retentionWarnedAt: Date | null; anonymisedAt: Date | null },
): Promise<RetentionStatus> {
  if (person.anonymisedAt) return { kind: 'anonymisee', at: person.anonymisedAt };
  if (!person.retentionWarnedAt) return null;
  const [row] = await sqlRows<{ last: Date | null }>(
    tx,
    sql`select max(occurred_at) as last from solicitations where structure_id = ${person.structureId} and person_id = ${person.id}`,
  );
  const last = row?.last ? new Date(row.last) : null;
  if (last && last >= person.retentionWarnedAt) return null; // revenue depuis : la fiche est gardée
  return { kind: 'signalee', from: new Date(person.retentionWarnedAt.getTime() + WARNING_DAYS * 86_400_000) };
}

export const describeRetention = (r: ReceptionRetention) =>
  `${r.solicitations} sollicitation(s) et ${r.queueEntries} arrivée(s) de plus de 2 ans anonymisée(s), ` +
  `${r.personsWarned} fiche(s) signalée(s), ${r.personsAnonymised} fiche(s) anonymisée(s)`;

/** Une fois par jour et par structure, par le worker ; le compte rendu se lit dans Administration › Envois. */
export const retentionJob: JobDefinition = {
  kind: 'conservation.purge',
  label: 'Purge de conservation (anonymisation après 2 ans)',
  periodMs: 86_400_000,
  run: (services, structureId) =>
    transaction(services.database, { structureId }, async (tx) => {
      const result = await applyReceptionRetention(tx, structureId, services.now());
      await recordAudit(tx, { structureId, userId: null }, 'conservation.purge', undefined, { ...result });
      return describeRetention(result);
    }),
};
