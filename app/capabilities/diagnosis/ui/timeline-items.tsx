// L'affichage des diagnostics et des étapes du plan dans l'historique d'une personne.
import { Link } from 'react-router';
import { TimelineBadge, type Displayed } from '../../../ui/timeline';
import { LEVELS } from '../../reception/vocabulary';
import type { DiagnosisEvent } from '../timeline.server';
import { STEP_KINDS, STEP_STATUSES } from '../vocabulary';

export function DiagnosisItem({ event }: { event: Displayed<DiagnosisEvent> }) {
  if (event.kind === 'diagnostic')
    return (
      <p className="fr-mb-0">
        <TimelineBadge tone="success">Diagnostic</TimelineBadge>
        <Link to={`/diagnostics/${event.diagnosisId}`}>
          {LEVELS[event.level as keyof typeof LEVELS] ?? event.level} · {event.overallScore} sur 100
        </Link>
      </p>
    );
  return (
    <p className="fr-mb-0">
      <TimelineBadge tone="success">Plan</TimelineBadge>
      {STEP_KINDS[event.stepKind as keyof typeof STEP_KINDS] ?? event.stepKind} « {event.label} » :{' '}
      {event.status === 'ajoutee' ? 'retenue' : (STEP_STATUSES[event.status as keyof typeof STEP_STATUSES] ?? event.status).toLowerCase()}
    </p>
  );
}
