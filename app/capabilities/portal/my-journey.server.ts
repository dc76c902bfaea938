// « Mon parcours » : les étapes du plan de la personne et sa progression (la note d'ensemble de chaque diagnostic).
// Lu sous le rôle relais_resident : seules ses lignes (drizzle/0044). Jamais le détail des réponses ni le commentaire.
import { and, asc, desc, eq } from 'drizzle-orm';
import { structures } from '../../platform/schema';
import type { Answers } from '../diagnosis/grid';
import { resultOf, suggestSteps } from '../diagnosis/rules';
import { diagnoses, planSteps } from '../diagnosis/schema';
import { diagnosisSummaryPdf } from '../diagnosis/summary-pdf.server';
import { places } from '../directory/schema';
import { persons } from '../reception/schema';
import type { ResidentScope } from './resident-pages.server';
import { progressOf } from './rules';

export async function residentJourney({ tx, resident }: ResidentScope) {
  const mine = <T extends { structureId: unknown; personId: unknown }>(table: T) =>
    and(eq(table.structureId as never, resident.structureId), eq(table.personId as never, resident.personId));
  const steps = await tx
    .select({ id: planSteps.id, label: planSteps.label, kind: planSteps.kind, status: planSteps.status, dueOn: planSteps.dueOn })
    .from(planSteps)
    .where(mine(planSteps))
    .orderBy(asc(planSteps.createdAt))
    .limit(100);
  const scores = await tx
    .select({ at: diagnoses.createdAt, score: diagnoses.overallScore })
    .from(diagnoses)
    .where(mine(diagnoses))
    .orderBy(asc(diagnoses.createdAt))
    .limit(50);
  return { steps, scores, progress: progressOf(scores.map((s) => s.score)) };
}

/**
 * Mon bilan à lire (PDF) : la synthèse FALC du dernier diagnostic, la même que le médiateur imprime, tirée des seules
 * lignes de la personne (le prénom d'un pair-aidant n'en fait pas partie : « une personne qui a appris avant vous »).
 * null sans diagnostic.
 */
export async function residentSummaryPdf({ tx, resident, now }: ResidentScope) {
  const mine = <T extends { structureId: unknown; personId: unknown }>(table: T) =>
    and(eq(table.structureId as never, resident.structureId), eq(table.personId as never, resident.personId));
  const [last] = await tx.select().from(diagnoses).where(mine(diagnoses)).orderBy(desc(diagnoses.createdAt)).limit(1);
  if (!last) return null;
  const [person] = await tx
    .select({ firstName: persons.firstName })
    .from(persons)
    .where(and(eq(persons.structureId, resident.structureId), eq(persons.id, resident.personId)));
  const [structure] = await tx.select({ name: structures.name }).from(structures).where(eq(structures.id, resident.structureId));
  const answers = last.answers as Answers;
  // Le résultat rangé fait foi, comme pour la synthèse du médiateur ; le plan proposé se recalcule des réponses.
  const stored = { ...resultOf(answers), overall: last.overallScore, level: last.computedLevel, autonomy: last.autonomy };
  const rows = await tx
    .select({ step: planSteps, place: places })
    .from(planSteps)
    .leftJoin(places, and(eq(places.structureId, planSteps.structureId), eq(places.id, planSteps.placeId)))
    .where(mine(planSteps))
    .orderBy(asc(planSteps.createdAt));
  const steps = rows.map(({ step, place }) => ({
    ...step,
    place,
    helperName: null,
  }));
  const pdf = await diagnosisSummaryPdf(
    {
      person: { firstName: person?.firstName ?? '' },
      diagnosis: { createdAt: last.createdAt },
      answers,
      suggestions: suggestSteps(answers, stored),
    },
    steps,
    structure?.name ?? '',
    now,
  );
  return { pdf, name: `mon-bilan-${last.createdAt.toISOString().slice(0, 10)}.pdf` };
}
