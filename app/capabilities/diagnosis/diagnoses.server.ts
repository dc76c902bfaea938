// Enregistrer un diagnostic, le relire (résultat, plan proposé, pairs-aidants qui peuvent aider), retenir un
// autre niveau. Un diagnostic décrit les difficultés d'une personne : chaque lecture est tracée.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { diagnoses, planSteps } from './schema';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import { peerHelpersIn } from './peer-helpers.server';
import { recordAudit } from '../../platform/audit.server';
import type { Actor } from '../../platform/policies';
import { personLabel } from '../mandates/mandates.server';
import type { Level } from '../reception/vocabulary';
import type { Answers, GridInput } from './grid';
import {
  contradictions,
  placeOffering,
  resultOf,
  skillsToLearn,
  suggestSteps,
  type BlockScores,
  type Result,
  type Suggestion,
} from './rules';
import type { Frein, HelperSkill } from './vocabulary';
import type { RequestContext } from '../../platform/request.server';

const findPerson = async (tx: Tx, actor: Actor, personId: string) =>
  (
    await tx
      .select()
      .from(persons)
      .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)))
  )[0] ?? null;

/** La personne à diagnostiquer, et les réponses de son dernier diagnostic pour reprendre la grille. */
export async function gridContext({ tx, actor }: RequestContext, personId: string) {
  const person = await findPerson(tx, actor, personId);
  if (!person) return null;
  const [last] = await tx
    .select({ answers: diagnoses.answers, createdAt: diagnoses.createdAt })
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, actor.structureId), eq(diagnoses.personId, personId)))
    .orderBy(desc(diagnoses.createdAt))
    .limit(1);
  if (last) await recordAudit(tx, actor, 'diagnostic.consulte', { type: 'personne', id: personId }, { pour: 'reprendre la grille' });
  return {
    person: { id: person.id, label: personLabel(person) },
    previous: last ? { answers: last.answers as Answers, at: last.createdAt } : null,
  };
}

/** Enregistre le diagnostic et son résultat calculé ; null si la personne n'est pas de la structure. */
export async function createDiagnosis({ tx, actor, now }: RequestContext, personId: string, input: GridInput) {
  const person = await findPerson(tx, actor, personId);
  if (!person) return null;
  const result = resultOf(input.answers);
  const [row] = await tx
    .insert(diagnoses)
    .values({
      structureId: actor.structureId,
      personId,
      answers: input.answers,
      blockScores: result.scores,
      overallScore: result.overall,
      computedLevel: result.level,
      level: result.level,
      autonomy: result.autonomy,
      freins: result.freins,
      comment: input.comment,
      createdAt: now,
      createdBy: actor.userId,
    })
    .returning({ id: diagnoses.id });
  await recordAudit(tx, actor, 'diagnostic.enregistre', { type: 'diagnostic', id: row!.id }, { personne: personId, niveau: result.level });
  return row!.id;
}

export interface SuggestedStep extends Suggestion {
  place: { id: string; name: string; city: string } | null;
  helper: { id: string; name: string; skills: string[] } | null;
}

/** Pour chaque étape proposée : un lieu de l'annuaire qui offre le service, un pair-aidant qui sait ce qui manque. */
async function withPlacesAndHelpers(
  tx: Tx,
  actor: Actor,
  personId: string,
  answers: Answers,
  suggestions: Suggestion[],
): Promise<SuggestedStep[]> {
  const directory = await tx
    .select({ id: places.id, name: places.name, city: places.city, services: places.services })
    .from(places)
    .where(and(eq(places.structureId, actor.structureId), eq(places.active, true)))
    .orderBy(asc(places.name));
  const helpers = await helpersFor(tx, actor, personId, skillsToLearn(answers));
  return suggestions.map((s) => {
    const place = placeOffering(directory, s);
    return {
      ...s,
      place: place ? { id: place.id, name: place.name, city: place.city } : null,
      helper: s.kind === 'pair_aidant' ? (helpers[0] ?? null) : null,
    };
  });
}

/** Les pairs-aidants qui partagent au moins une des compétences, les plus utiles d'abord. */
async function helpersFor(tx: Tx, actor: Actor, excluding: string, skills: HelperSkill[]) {
  if (skills.length === 0) return [];
  const shared = (list: string[]) => list.filter((s) => skills.includes(s as HelperSkill)).length;
  return (await peerHelpersIn(tx, actor.structureId, { skills, excluding }))
    .map((h) => ({ id: h.id, name: h.name, skills: h.skills }))
    .sort((a, b) => shared(b.skills) - shared(a.skills) || a.name.localeCompare(b.name, 'fr'));
}

/** Un diagnostic, son résultat, le plan proposé et les étapes déjà retenues ; null hors de la structure. */
export async function readDiagnosis({ tx, actor }: RequestContext, diagnosisId: string) {
  const view = await diagnosisIn(tx, actor, diagnosisId);
  if (view) await recordAudit(tx, actor, 'diagnostic.consulte', { type: 'diagnostic', id: diagnosisId });
  return view;
}
export type DiagnosisView = NonNullable<Awaited<ReturnType<typeof diagnosisIn>>>;

/** Le diagnostic dans une transaction ouverte ; `lock` le verrouille (validation du plan, deux onglets). */
export async function diagnosisIn(tx: Tx, actor: Actor, diagnosisId: string, { lock = false } = {}) {
  const query = tx
    .select()
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, actor.structureId), eq(diagnoses.id, diagnosisId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) return null;
  const person = (await findPerson(tx, actor, row.personId))!;
  const answers = row.answers as Answers;
  // Le résultat rangé fait foi (les règles peuvent évoluer) ; le plan proposé se recalcule des réponses.
  const stored: Result = {
    scores: row.blockScores as BlockScores,
    overall: row.overallScore,
    level: row.computedLevel,
    autonomy: row.autonomy,
    freins: row.freins as Frein[],
    warnings: contradictions(answers),
  };
  const suggestions = await withPlacesAndHelpers(tx, actor, row.personId, answers, suggestSteps(answers, stored));
  const retained = await tx
    .select({ id: planSteps.id })
    .from(planSteps)
    .where(and(eq(planSteps.structureId, actor.structureId), eq(planSteps.diagnosisId, diagnosisId)))
    .limit(1);
  const [previous] = await tx
    .select({ overallScore: diagnoses.overallScore, autonomy: diagnoses.autonomy, createdAt: diagnoses.createdAt })
    .from(diagnoses)
    .where(
      and(
        eq(diagnoses.structureId, actor.structureId),
        eq(diagnoses.personId, row.personId),
        sql`${diagnoses.createdAt} < ${row.createdAt}`,
      ),
    )
    .orderBy(desc(diagnoses.createdAt))
    .limit(1);
  return {
    diagnosis: row,
    answers,
    result: stored,
    suggestions,
    planAccepted: retained.length > 0,
    previous: previous ?? null,
    person: { id: person.id, label: personLabel(person), firstName: person.firstName },
  };
}

/** Retenir un autre niveau que le calculé (avec sa raison), ou revenir au calculé. */
export async function overrideLevel({ actor, tx }: RequestContext, diagnosisId: string, input: { level: Level; reason: string }) {
  const [row] = await tx
    .select()
    .from(diagnoses)
    .where(and(eq(diagnoses.structureId, actor.structureId), eq(diagnoses.id, diagnosisId)))
    .for('update');
  if (!row) return false;
  const backToComputed = input.level === row.computedLevel;
  await tx
    .update(diagnoses)
    .set({ level: input.level, levelReason: backToComputed ? null : input.reason })
    .where(and(eq(diagnoses.structureId, actor.structureId), eq(diagnoses.id, diagnosisId)));
  await recordAudit(
    tx,
    actor,
    'diagnostic.niveau_modifie',
    { type: 'diagnostic', id: diagnosisId },
    { avant: row.level, apres: input.level },
  );
  return true;
}
