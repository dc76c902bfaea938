// « Faire le point seul » : la personne enregistre ses réponses depuis son espace (sous le rôle relais_resident, ses
// seules lignes) ; le médiateur les lit sur la fiche (lecture tracée), les reprend dans un diagnostic, les marque vues.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Answers } from '../diagnosis/grid';
import { persons } from '../reception/schema';
import { personLabel } from '../mandates/mandates.server';
import { recordAudit } from '../../platform/audit.server';
import type { RequestContext } from '../../platform/request.server';
import { users } from '../../platform/schema';
import type { Language } from './i18n';
import type { ResidentScope } from './resident-pages.server';
import { selfAssessments } from './schema';

/** Enregistre les réponses de la personne connectée. */
export async function saveSelfAssessment({ tx, resident, now }: ResidentScope, answers: Answers, overallScore: number, language: Language) {
  await tx.insert(selfAssessments).values({
    structureId: resident.structureId,
    personId: resident.personId,
    answers,
    overallScore,
    language,
    createdAt: now,
  });
}

/** Le dernier point de la personne connectée (pour le lui redire), ou null. */
export async function lastSelfAssessment({ tx, resident }: ResidentScope) {
  const [last] = await tx
    .select({ answers: selfAssessments.answers, createdAt: selfAssessments.createdAt })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.structureId, resident.structureId), eq(selfAssessments.personId, resident.personId)))
    .orderBy(desc(selfAssessments.createdAt))
    .limit(1);
  return last ? { answers: last.answers as Answers, createdAt: last.createdAt } : null;
}

/** Les points faits seul par une personne de la structure, les plus récents d'abord ; null si elle n'en est pas. */
export async function selfAssessmentsOf({ tx, actor }: RequestContext, personId: string) {
  const [person] = await tx
    .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
    .from(persons)
    .where(and(eq(persons.structureId, actor.structureId), eq(persons.id, personId)));
  if (!person) return null;
  const rows = await tx
    .select({
      id: selfAssessments.id,
      answers: selfAssessments.answers,
      overallScore: selfAssessments.overallScore,
      language: selfAssessments.language,
      createdAt: selfAssessments.createdAt,
      reviewedAt: selfAssessments.reviewedAt,
      reviewedBy: users.displayName,
    })
    .from(selfAssessments)
    .leftJoin(users, eq(users.id, selfAssessments.reviewedBy))
    .where(and(eq(selfAssessments.structureId, actor.structureId), eq(selfAssessments.personId, personId)))
    .orderBy(desc(selfAssessments.createdAt))
    .limit(20);
  if (rows.length > 0) await recordAudit(tx, actor, 'point_seul.consulte', { type: 'personne', id: personId });
  return {
    person: { id: person.id, label: personLabel(person) },
    assessments: rows.map((row) => ({ ...row, answers: row.answers as Answers })),
  };
}

/** Combien de points faits seul attendent d'être vus, pour le dire sur la fiche (sans lire les réponses). */
export async function unreviewedSelfAssessments({ tx, actor }: RequestContext, personId: string) {
  const rows = await tx
    .select({ createdAt: selfAssessments.createdAt })
    .from(selfAssessments)
    .where(
      and(eq(selfAssessments.structureId, actor.structureId), eq(selfAssessments.personId, personId), isNull(selfAssessments.reviewedAt)),
    )
    .orderBy(desc(selfAssessments.createdAt));
  return { count: rows.length, last: rows[0]?.createdAt ?? null };
}

/** Le médiateur a vu ce point avec la personne ; false s'il n'est pas à elle ou déjà vu. */
export async function markSelfAssessmentReviewed({ tx, actor, now }: RequestContext, personId: string, assessmentId: string) {
  const updated = await tx
    .update(selfAssessments)
    .set({ reviewedAt: now, reviewedBy: actor.userId })
    .where(
      and(
        eq(selfAssessments.structureId, actor.structureId),
        eq(selfAssessments.personId, personId),
        eq(selfAssessments.id, assessmentId),
        isNull(selfAssessments.reviewedAt),
      ),
    )
    .returning({ id: selfAssessments.id });
  if (updated.length === 0) return false;
  await recordAudit(tx, actor, 'point_seul.vu', { type: 'personne', id: personId });
  return true;
}

/** Les réponses d'un point fait seul, pour reprendre la grille du diagnostic (lecture tracée). */
export async function selfAssessmentAnswers({ tx, actor }: RequestContext, personId: string, assessmentId: string) {
  const [row] = await tx
    .select({ answers: selfAssessments.answers, createdAt: selfAssessments.createdAt })
    .from(selfAssessments)
    .where(
      and(eq(selfAssessments.structureId, actor.structureId), eq(selfAssessments.personId, personId), eq(selfAssessments.id, assessmentId)),
    );
  if (!row) return null;
  await recordAudit(tx, actor, 'point_seul.consulte', { type: 'personne', id: personId }, { pour: 'reprendre la grille' });
  return { answers: row.answers as Answers, at: row.createdAt };
}
