// Ce que le diagnostic apporte à l'historique d'une personne : chaque diagnostic, et chaque étape du plan quand elle
// est retenue puis son dernier état s'il a changé.
import type { TimelineSource } from '../../platform/timeline';
import { diagnosesOfPerson, stepsOfPerson } from './plan.server';

export type DiagnosisEvent =
  | { kind: 'diagnostic'; at: Date; id: string; diagnosisId: string; level: string; overallScore: number }
  | { kind: 'etape'; at: Date; id: string; label: string; stepKind: string; status: string };

export const diagnosisEvents: TimelineSource<DiagnosisEvent> = async (tx, actor, personId) => {
  const diagnoses = await diagnosesOfPerson(tx, actor, personId);
  const steps = await stepsOfPerson(tx, actor, personId);
  return [
    ...diagnoses.map((d) => ({
      kind: 'diagnostic' as const,
      at: d.createdAt,
      id: d.id,
      diagnosisId: d.id,
      level: d.level,
      overallScore: d.overallScore,
    })),
    ...steps.flatMap((step) => {
      const event = (status: string, at: Date) => ({
        kind: 'etape' as const,
        at,
        id: `${step.id}-${status}`,
        label: step.label,
        stepKind: step.kind,
        status,
      });
      return [event('ajoutee', step.createdAt), ...(step.status !== 'a_faire' ? [event(step.status, step.statusAt)] : [])];
    }),
  ];
};
