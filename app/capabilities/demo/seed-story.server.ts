// Écrit l'histoire générée (story.ts) dans une structure, par insertions groupées : quelques secondes
// pour des dizaines de milliers de lignes sur PostgreSQL embarqué.
import type { DigitalSkill } from '../../vocabulary/coop';
import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { persons, privateNotes, queueEntries, solicitations } from '../reception/schema';
import { receptionSitesIn } from '../reception/sites.server';
import { ORGANISATIONS } from '../reception/vocabulary';
import { generateStory, type StoryPlan, type StorySolicitation } from './story';
import { personRow } from '../reception/builders.server';

const CHUNK = 1000;

export async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function structureHasStory(tx: Tx, structureId: string) {
  const [row] = await tx.select({ n: count() }).from(solicitations).where(eq(solicitations.structureId, structureId));
  return (row?.n ?? 0) > 0;
}

/** Écrit l'histoire d'une structure (transaction d'exploitant) ; `mediatorIds` dans l'ordre du plan. */
export async function writeStory(tx: Tx, structureId: string, plan: StoryPlan, mediatorIds: string[], today: Date) {
  const story = generateStory(plan, today);
  const personIds = story.persons.map(() => crypto.randomUUID());
  await insertChunks(story.persons, (chunk) =>
    tx.insert(persons).values(
      chunk.map((p) =>
        personRow(structureId, {
          id: personIds[p.index]!,
          firstName: p.firstName,
          lastName: p.lastName,
          birthYear: p.birthYear,
          phone: p.phone,
          hasEmail: p.hasEmail,
          createdAt: p.createdAt,
          consentAt: p.createdAt,
          consentBy: mediatorIds[0],
          createdBy: mediatorIds[0],
        }),
      ),
    ),
  );

  // Par nom : le siège (« CCAS… ») d'abord, puis la permanence.
  const sites = (await receptionSitesIn(tx, structureId)).map((s) => s.id);
  const { rows, queue } = storyRows(structureId, story.solicitations, {
    personIds,
    names: story.persons.map((p) => `${p.firstName} ${p.lastName}`),
    mediatorIds,
    sites,
    permanenceSince: new Date(Date.UTC(today.getUTCFullYear() - 2, 0, 1)),
  });
  await insertChunks(rows, (chunk) => tx.insert(solicitations).values(chunk));
  await insertChunks(queue, (chunk) => tx.insert(queueEntries).values(chunk));

  // Quelques notes privées de médiateurs, chacune lisible par son seul auteur.
  const notes = story.persons
    .filter((p) => p.index % 30 === 0)
    .map((p, i) => ({
      structureId,
      personId: personIds[p.index]!,
      authorId: mediatorIds[i % mediatorIds.length]!,
      body: PRIVATE_NOTES[i % PRIVATE_NOTES.length]!,
      createdAt: p.createdAt,
    }));
  await insertChunks(notes, (chunk) => tx.insert(privateNotes).values(chunk));
  return { persons: story.persons.length, solicitations: rows.length, queueEntries: queue.length, privateNotes: notes.length };
}

export interface StoryContext {
  /** Identifiant et nom affiché de chaque personne de l'histoire, par son rang. */
  personIds: string[];
  names: string[];
  mediatorIds: string[];
  sites: string[];
  permanenceSince: Date;
}

/** Les lignes de sollicitations (et d'arrivées en file) d'une suite de sollicitations générées. */
export function storyRows(structureId: string, generated: StorySolicitation[], context: StoryContext, firstIndex = 0) {
  const { personIds, names, mediatorIds, sites, permanenceSince } = context;
  const queue: Array<typeof queueEntries.$inferInsert> = [];
  const rows = generated.map((s, offset) => {
    const id = crypto.randomUUID();
    const mediatorId = mediatorIds[s.mediatorIndex % mediatorIds.length]!;
    const personId = s.personIndex === null ? null : personIds[s.personIndex]!;
    let queueEntryId: string | null = null;
    if (s.waitedMinutes !== null) {
      queueEntryId = crypto.randomUUID();
      queue.push({
        structureId,
        id: queueEntryId,
        personId,
        displayName: s.personIndex === null ? 'Personne anonyme' : names[s.personIndex]!,
        organisation: s.organisation,
        reason: s.procedure,
        urgent: s.level === 'urgence',
        arrivedAt: new Date(s.occurredAt.getTime() - s.waitedMinutes * 60_000),
        takenAt: s.occurredAt,
        takenBy: mediatorId,
      });
    }
    return {
      structureId,
      id,
      personId,
      mediatorId,
      occurredAt: s.occurredAt,
      channel: s.channel,
      level: s.level,
      mode: s.mode,
      organisations: [s.organisation],
      procedure: s.procedure,
      theme: ORGANISATIONS[s.organisation].theme,
      equipment: s.channel === 'sur_place' ? ['ordinateur'] : s.channel === 'telephone' ? ['telephone'] : [],
      ...(s.mode === 'forme' ? trained(s.organisation, firstIndex + offset) : {}),
      durationMinutes: s.durationMinutes,
      outcome: s.outcome,
      blockedCause: s.blockedCause,
      redirection: s.redirection,
      nextStep: s.nextStep,
      nextStepDate: s.nextStepDate,
      anonymousGender: s.anonymousGender,
      anonymousAgeBand: s.anonymousAgeBand,
      queueEntryId,
      siteId: siteOf(sites, s.occurredAt, firstIndex + offset, permanenceSince),
      createdAt: s.occurredAt,
    };
  });
  return { rows, queue };
}

/** Ce qu'une personne formée a appris pour cet organisme, et l'autonomie observée (une fois sur deux). */
function trained(organisation: string, index: number) {
  const skill = SKILL_OF[organisation] ?? 'navigation_sur_internet';
  return {
    skills: index % 2 === 0 ? [skill, 'email'] : [skill],
    autonomy: index % 2 === 0 ? null : index % 3 === 0 ? 'autonome' : 'partiellement_autonome',
  };
}
const SKILL_OF: Record<string, DigitalSkill> = {
  cpam: 'sante',
  mutuelle: 'sante',
  france_travail: 'insertion_professionnelle',
  banque: 'banque_et_achats_en_ligne',
  education_nationale: 'scolarite_et_numerique',
  ants: 'securite_numerique',
};

/** Depuis deux ans, la moitié des mardis et des jeudis se passent à la permanence ; le reste au siège. */
function siteOf(sites: string[], occurredAt: Date, index: number, permanenceSince: Date) {
  const weekday = occurredAt.getUTCDay();
  const atPermanence = sites.length > 1 && occurredAt >= permanenceSince && (weekday === 2 || weekday === 4) && index % 2 === 0;
  return sites[atPermanence ? 1 : 0] ?? null;
}

const PRIVATE_NOTES = [
  'Très inquiète pour son dossier, préfère être reçue le matin.',
  'Sa fille l’accompagne souvent : lui proposer l’atelier « premiers pas ».',
  'Malentendant : parler face à lui, écrire les étapes.',
  'Progresse bien, peut faire son actualisation seul la prochaine fois.',
  'Situation familiale difficile, voir avec l’assistante sociale si elle le souhaite.',
];
