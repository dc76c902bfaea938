// L'affichage des événements que l'accueil apporte à l'historique d'une personne.
import { dateFormat } from '../../../platform/time';
import { TimelineBadge, type Displayed } from '../../../ui/timeline';
import type { ReceptionEvent } from '../timeline.server';
import { MODE_LABELS, OUTCOMES, type Mode } from '../vocabulary';

const day = dateFormat({ dateStyle: 'long' });

export function ReceptionItem({ event }: { event: Displayed<ReceptionEvent> }) {
  if (event.kind === 'sollicitation')
    return (
      <>
        <p className="fr-mb-0">
          <strong>{event.organisationsLabel}</strong>
          {event.procedure ? ` — ${event.procedure}` : ''}
        </p>
        <p className="fr-text--sm fr-mb-0">
          {MODE_LABELS[event.mode as Mode]} · {OUTCOMES[event.outcome as keyof typeof OUTCOMES]} · {event.durationMinutes} min
          {event.by ? ` · ${event.by}` : ''}
        </p>
        {event.skills.length > 0 && <p className="fr-text--sm fr-mb-0">Compétences travaillées : {event.skills.join(', ')}</p>}
        {event.nextStep && (
          <p className="fr-text--sm fr-mb-0">
            Prochaine étape : {event.nextStep}
            {event.nextStepDate ? ` (le ${day.format(new Date(event.nextStepDate))})` : ''}
          </p>
        )}
        {event.notes && <p className="fr-text--sm fr-mb-0">Note : {event.notes}</p>}
      </>
    );
  if (event.kind === 'arrivee')
    return (
      <p className="fr-mb-0">
        Arrivée à l'accueil{event.reason ? ` (${event.reason})` : ''}
        {event.left ? ' — repartie sans être reçue' : event.waitedMinutes !== null ? ` — reçue après ${event.waitedMinutes} min` : ''}
      </p>
    );
  return (
    <p className="fr-mb-0">
      <TimelineBadge>Note privée</TimelineBadge>
      {event.body}
    </p>
  );
}
