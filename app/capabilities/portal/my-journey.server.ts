// « Mon parcours » : les étapes du plan de la personne et sa progression (la note d'ensemble de chaque diagnostic).
// Lu sous le rôle relais_resident : seules ses lignes (drizzle/0044). Jamais le détail des réponses ni le commentaire.
import { and, asc, eq } from 'drizzle-orm';
import { diagnoses, planSteps } from '../diagnosis/schema';
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
