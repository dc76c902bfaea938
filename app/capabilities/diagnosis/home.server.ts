// Ce que la page d'accueil montre des plans d'accompagnement : les étapes que j'ai fixées, dues d'ici 7 jours ou en retard.
import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { RequestContext } from '../../platform/request.server';
import { addDays, today } from '../../platform/time';
import { fullName } from '../../platform/text';
import { persons } from '../reception/schema';
import { planSteps } from './schema';

export async function myStepsDue({ tx, actor, now }: RequestContext) {
  const day = today(now);
  const rows = await tx
    .select({
      personId: planSteps.personId,
      label: planSteps.label,
      dueOn: planSteps.dueOn,
      firstName: persons.firstName,
      lastName: persons.lastName,
    })
    .from(planSteps)
    .innerJoin(persons, and(eq(persons.structureId, planSteps.structureId), eq(persons.id, planSteps.personId)))
    .where(
      and(
        eq(planSteps.structureId, actor.structureId),
        eq(planSteps.createdBy, actor.userId),
        inArray(planSteps.status, ['a_faire', 'en_cours']),
        isNotNull(planSteps.dueOn),
        lte(planSteps.dueOn, addDays(day, 7)),
      ),
    )
    .orderBy(asc(planSteps.dueOn))
    .limit(50);
  return rows.map((r) => ({
    personId: r.personId,
    name: fullName(r.firstName, r.lastName),
    label: r.label,
    dueOn: r.dueOn!,
    late: r.dueOn! < day,
  }));
}
