// Enregistrer une sollicitation : pour une personne connue, une nouvelle personne (créée au passage,
// avec son accord) ou une personne anonyme. Une seule transaction, tracée dans le journal.
import { and, desc, eq, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../db/database.server';
import { persons, queueEntries, solicitations } from './schema';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import type { Services } from '../../platform/services.server';
import { searchKey } from '../../platform/text';
import { MandateRequired, recordActUnderMandate, type ActUnderMandate } from '../mandates/acts.server';
import type { NewPersonInput, SolicitationInput } from './rules';
import { lastSiteOf, receptionSitesIn, type ReceptionSite } from './sites.server';
import type { RequestContext } from '../../platform/request.server';
import { toLocalInput } from '../../platform/time';

export type Subject =
  | { kind: 'personne'; personId: string }
  | { kind: 'nouvelle'; person: NewPersonInput }
  | { kind: 'anonyme'; gender: string | null; ageBand: string | null; commune: string | null };

export interface PossibleDuplicate {
  id: string;
  label: string;
}

export type LogResult =
  | { ok: true; id: string; personId: string | null }
  | { ok: false; error: 'personne_introuvable' }
  | { ok: false; error: 'doublon_possible'; candidates: PossibleDuplicate[] }
  | { ok: false; error: 'mandat_requis'; reason: MandateRequired['reason'] };

export async function logSolicitation(
  ctx: RequestContext,
  subject: Subject,
  input: SolicitationInput,
  queueEntryId: string | null = null,
  { duplicateConfirmed = false, underMandate = null }: { duplicateConfirmed?: boolean; underMandate?: ActUnderMandate | null } = {},
): Promise<LogResult> {
  try {
    // Un point de sauvegarde : un refus annule tout ce que l'enregistrement a écrit, personne créée comprise.
    return await ctx.tx.transaction((tx) => logIn({ ...ctx, tx }, subject, input, queueEntryId, duplicateConfirmed, underMandate));
  } catch (error) {
    // Faire à la place sans mandat qui couvre l'acte : rien n'est enregistré.
    if (error instanceof MandateRequired) return { ok: false, error: 'mandat_requis', reason: error.reason };
    throw error;
  }
}

async function logIn(
  { actor, tx, services }: RequestContext,
  subject: Subject,
  input: SolicitationInput,
  queueEntryId: string | null,
  duplicateConfirmed: boolean,
  underMandate: ActUnderMandate | null,
): Promise<LogResult> {
  if (subject.kind === 'nouvelle' && !duplicateConfirmed) {
    const candidates = await possibleDuplicates(tx, actor, subject.person);
    if (candidates.length > 0) return { ok: false, error: 'doublon_possible', candidates };
  }
  const personId = await resolvePerson(tx, services, actor, subject);
  if (personId === undefined) return { ok: false, error: 'personne_introuvable' };
  const anonymous = subject.kind === 'anonyme' ? subject : null;
  const [row] = await tx
    .insert(solicitations)
    .values({
      structureId: actor.structureId,
      personId,
      mediatorId: actor.userId,
      ...input,
      anonymousGender: anonymous?.gender ?? null,
      anonymousAgeBand: anonymous?.ageBand ?? null,
      anonymousCommune: anonymous?.commune ?? null,
      queueEntryId,
    })
    .returning({ id: solicitations.id });
  if (queueEntryId)
    await tx
      .update(queueEntries)
      .set({
        takenAt: sql`coalesce(${queueEntries.takenAt}, now())`,
        takenBy: sql`coalesce(${queueEntries.takenBy}, ${actor.userId}::uuid)`,
        // Une arrivée notée au seul prénom rejoint l'historique de la personne identifiée.
        personId: sql`coalesce(${queueEntries.personId}, ${personId}::uuid)`,
      })
      .where(and(eq(queueEntries.structureId, actor.structureId), eq(queueEntries.id, queueEntryId)));
  await recordAudit(tx, actor, 'sollicitation.enregistree', { type: 'sollicitation', id: row!.id });
  if (input.mode === 'fait_a_la_place' && personId) {
    if (!underMandate) throw new MandateRequired('hors_domaine');
    await recordActUnderMandate(
      tx,
      services,
      actor,
      { personId, solicitationId: row!.id, occurredAt: input.occurredAt, procedure: input.procedure },
      underMandate,
    );
  }
  return { ok: true, id: row!.id, personId };
}

/** L'identifiant de la personne (null si anonyme), ou undefined si elle n'existe pas dans la structure. */
async function resolvePerson(tx: Tx, services: Services, actor: Actor, subject: Subject): Promise<string | null | undefined> {
  if (subject.kind === 'anonyme') return null;
  if (subject.kind === 'personne') {
    const [found] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, subject.personId)));
    return found?.id;
  }
  const { consent: _consent, ...person } = subject.person;
  const [created] = await tx
    .insert(persons)
    .values({
      structureId: actor.structureId,
      ...person,
      searchName: searchKey(person.firstName, person.lastName),
      consentAt: services.now(),
      consentBy: actor.userId,
      createdBy: actor.userId,
    })
    .returning({ id: persons.id });
  await recordAudit(tx, actor, 'personne.creee', { type: 'personne', id: created!.id });
  return created!.id;
}

/** Même nom sans accents (ou très proche) et même année de naissance si elle est connue : sans doute la même personne. */
async function possibleDuplicates(tx: Tx, actor: Actor, person: NewPersonInput): Promise<PossibleDuplicate[]> {
  const key = searchKey(person.firstName, person.lastName);
  const rows = await sqlRows<{ id: string; first_name: string; last_name: string | null; birth_year: number | null }>(
    tx,
    sql`select id, first_name, last_name, birth_year from persons
      where structure_id = ${actor.structureId}
        and (search_name = ${key} or similarity(search_name, ${key}) > 0.6)
        and (${person.birthYear}::int is null or birth_year is null or birth_year = ${person.birthYear}::int)
      order by similarity(search_name, ${key}) desc limit 5`,
  );
  return rows.map((r) => ({
    id: r.id,
    label: `${[r.first_name, r.last_name].filter(Boolean).join(' ')}${r.birth_year ? ` (${r.birth_year})` : ''}`,
  }));
}

export interface FormDefaults {
  durationMinutes: number;
  /** La dernière sollicitation de la personne : « même chose que la dernière fois ». */
  last: Pick<SolicitationInput, 'organisations' | 'procedure' | 'channel' | 'level' | 'mode' | 'durationMinutes'> | null;
  /** Démarches saisies dans la structure ces 6 derniers mois, par organisme : suggestions du champ « démarche ». */
  procedures: Record<string, string[]>;
  /** Les lieux d'accueil ouverts, et celui qu'on propose : le dernier de l'agent, sinon le premier. */
  sites: ReceptionSite[];
  site: string | null;
}

export async function formDefaults({ tx, actor }: RequestContext, personId: string | null): Promise<FormDefaults> {
  const [mine] = await tx
    .select({ durationMinutes: solicitations.durationMinutes })
    .from(solicitations)
    .where(and(eq(solicitations.structureId, actor.structureId), eq(solicitations.mediatorId, actor.userId)))
    .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
    .limit(1);
  const [last] = personId
    ? await tx
        .select({
          organisations: solicitations.organisations,
          procedure: solicitations.procedure,
          channel: solicitations.channel,
          level: solicitations.level,
          mode: solicitations.mode,
          durationMinutes: solicitations.durationMinutes,
        })
        .from(solicitations)
        .where(and(eq(solicitations.structureId, actor.structureId), eq(solicitations.personId, personId)))
        .orderBy(desc(solicitations.occurredAt), desc(solicitations.createdAt), desc(solicitations.id))
        .limit(1)
    : [];
  const suggestions = await sqlRows<{ organisation: string; procedure: string }>(
    tx,
    sql`
    select organisation, procedure from (
      select s.organisations[1] as organisation, s.procedure, count(*) as n,
        row_number() over (partition by s.organisations[1] order by count(*) desc) as rank
      from solicitations s
      where s.structure_id = ${actor.structureId} and s.procedure is not null
        and s.occurred_at > now() - interval '6 months'
      group by 1, 2
    ) ranked where rank <= 12 order by organisation, n desc`,
  );
  const procedures: Record<string, string[]> = {};
  for (const row of suggestions) (procedures[row.organisation] ??= []).push(row.procedure);
  const sites = await receptionSitesIn(tx, actor.structureId);
  const lastSite = sites.length > 1 ? await lastSiteOf(tx, actor) : null;
  return {
    sites,
    site: sites.find((s) => s.id === lastSite)?.id ?? sites[0]?.id ?? null,
    durationMinutes: mine?.durationMinutes ?? 20,
    last: (last as FormDefaults['last']) ?? null,
    procedures,
  };
}

/**
 * Les valeurs proposées par le formulaire de saisie : le cas courant de l'agent, l'organisme et le motif d'une
 * arrivée prise dans la file, « comme la dernière fois » pour une personne déjà venue.
 */
export function prefilledValues(
  now: Date,
  defaults: FormDefaults,
  entry: { id: string; personId: string | null; displayName: string; reason: string | null; organisation: string | null } | null,
  sameAsLastAsked: boolean,
): Record<string, string | undefined> {
  const last = defaults.last;
  const sameAsLast = sameAsLastAsked && last;
  return {
    occurredAt: toLocalInput(now),
    organisation: entry?.organisation ?? last?.organisations[0] ?? '',
    channel: sameAsLast ? last.channel : 'sur_place',
    level: last?.level ?? 'inclusion',
    mode: sameAsLast ? last.mode : 'accompagne',
    durationMinutes: String(sameAsLast ? last.durationMinutes : defaults.durationMinutes),
    outcome: 'fait',
    site: defaults.site ?? undefined,
    procedure: entry?.reason ?? (sameAsLast ? (last.procedure ?? undefined) : undefined),
    firstName: entry && entry.personId === null ? entry.displayName : undefined,
    file: entry?.id,
  };
}
