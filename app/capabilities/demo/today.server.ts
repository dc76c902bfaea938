// La démonstration vit au jour le jour : ouverte n'importe quel jour, elle a rattrapé les jours passés depuis son
// semis, les médiateurs ont noté les sollicitations de la matinée, et des personnes attendent à l'accueil. Une fois
// par structure et par jour (marque durable dans les travaux, partagée par toutes les instances).
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.server';
import { operatorTransaction } from '../../db/transaction.server';
import { jobs, memberships, structures, users } from '../../platform/schema';
import { localDay } from '../../platform/time';
import { fullName } from '../../platform/text';
import { persons, queueEntries, solicitations } from '../reception/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { writeDemoMandates } from './seed-mandates.server';
import { insertChunks, storyRows } from './seed-story.server';
import { generateDays, type StoryPlan } from './story';

export const DEMO_DAY_KIND = 'demo.journee';
const DAY = 86_400_000;
/** Au-delà, une démonstration oubliée des mois ne rattrape que ses deux derniers mois. */
const CATCH_UP_DAYS = 60;

export interface LiveStory {
  slug: string;
  plan: StoryPlan;
  mediators: string[];
}

/** Qui attend à l'accueil ce matin : minutes depuis l'arrivée, motif, urgence ; la dernière est déjà prise. */
const ARRIVALS: ReadonlyArray<{ minutes: number; organisation: string; reason: string; urgent: boolean }> = [
  { minutes: 38, organisation: 'caf', reason: 'Déclaration trimestrielle RSA', urgent: false },
  { minutes: 24, organisation: 'prefecture', reason: 'Renouvellement du titre de séjour', urgent: true },
  { minutes: 11, organisation: 'cpam', reason: 'Attestation de droits', urgent: false },
  { minutes: 3, organisation: 'dgfip', reason: 'Accès à l’espace particulier', urgent: false },
  { minutes: 30, organisation: 'france_travail', reason: 'Actualisation mensuelle', urgent: false },
];

/** Rattrape chaque structure de la démonstration jusqu'à `now` ; renvoie le nombre de sollicitations écrites. */
export async function liveDemoDay(database: Database, stories: readonly LiveStory[], now: Date) {
  return operatorTransaction(database, async (tx) => {
    let written = 0;
    for (const story of stories) {
      const [structure] = await tx.select({ id: structures.id }).from(structures).where(eq(structures.slug, story.slug));
      if (structure) written += await liveStructureDay(tx, structure.id, story, now);
    }
    return written;
  });
}

async function liveStructureDay(tx: Tx, structureId: string, story: LiveStory, now: Date) {
  const [last] = await tx
    .select({ at: max(solicitations.occurredAt) })
    .from(solicitations)
    .where(eq(solicitations.structureId, structureId));
  if (!last?.at) return 0; // pas d'histoire : rien à faire vivre
  const marked = await tx
    .insert(jobs)
    .values({
      structureId,
      kind: DEMO_DAY_KIND,
      dedupeKey: `${DEMO_DAY_KIND}:${localDay(now)}`,
      status: 'fait',
      runAt: now,
      finishedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  if (marked.length === 0) return 0;

  const known = await tx
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    // Une fiche anonymisée par la purge de conservation ne revient pas.
    .where(and(eq(persons.structureId, structureId), isNull(persons.anonymisedAt)))
    .orderBy(asc(persons.createdAt), asc(persons.id));
  const mediatorIds = await demoMediators(tx, structureId, story.mediators);
  if (mediatorIds.length === 0) return 0;
  const from = new Date(Math.max(last.at.getTime() + DAY - (last.at.getTime() % DAY), now.getTime() - CATCH_UP_DAYS * DAY));
  const generated = generateDays(story.plan, known.length, from, now);
  const { rows, queue } = storyRows(structureId, generated, {
    personIds: known.map((p) => p.id),
    names: known.map((p) => fullName(p.firstName, p.lastName)),
    mediatorIds,
    sites: (await receptionSitesIn(tx, structureId)).map((s) => s.id),
    permanenceSince: new Date(Date.UTC(now.getUTCFullYear() - 2, 0, 1)),
  });
  await insertChunks(rows, (chunk) => tx.insert(solicitations).values(chunk));
  await insertChunks(queue, (chunk) => tx.insert(queueEntries).values(chunk));
  await writeDemoMandates(tx, structureId, now);
  await waitingNow(tx, structureId, known, mediatorIds[0]!, now);
  await tx
    .update(jobs)
    .set({
      result: `Démonstration : ${rows.length} sollicitation(s) rattrapée(s) depuis le ${localDay(from)}, ${ARRIVALS.length} arrivée(s) ce matin`,
    })
    .where(and(eq(jobs.structureId, structureId), eq(jobs.id, marked[0]!.id)));
  return rows.length;
}

/** Les médiateurs de l'histoire, dans l'ordre du plan (ceux qui existent encore). */
async function demoMediators(tx: Tx, structureId: string, emails: string[]) {
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.structureId, structureId)));
  return emails.map((email) => rows.find((r) => r.email === email)?.id).filter((id): id is string => id !== undefined);
}

/** Quatre personnes attendent, une est en cours de prise en charge : de quoi ouvrir la file sur du concret. */
async function waitingNow(
  tx: Tx,
  structureId: string,
  known: Array<{ id: string; firstName: string; lastName: string | null }>,
  mediatorId: string,
  now: Date,
) {
  // Des personnes connues, venues récemment : la fiche ouverte depuis la file a une histoire.
  const entries = ARRIVALS.map((arrival, n) => {
    const person = known[known.length - 1 - n * 37];
    return {
      structureId,
      personId: person?.id ?? null,
      displayName: person ? fullName(person.firstName, person.lastName) : 'Personne anonyme',
      organisation: arrival.organisation,
      reason: arrival.reason,
      urgent: arrival.urgent,
      arrivedAt: new Date(now.getTime() - arrival.minutes * 60_000),
    };
  });
  const inserted = await tx.insert(queueEntries).values(entries).returning({ id: queueEntries.id });
  await tx
    .update(queueEntries)
    .set({ takenAt: new Date(now.getTime() - 6 * 60_000), takenBy: mediatorId })
    .where(and(eq(queueEntries.structureId, structureId), eq(queueEntries.id, inserted.at(-1)!.id)));
}
