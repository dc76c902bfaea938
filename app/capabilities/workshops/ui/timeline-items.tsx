// L'affichage d'un atelier dans l'historique d'une personne.
import { Link } from 'react-router';
import { TimelineBadge, type Displayed } from '../../../ui/timeline';
import type { WorkshopEvent } from '../timeline.server';
import { REGISTRATION_STATUSES } from '../vocabulary';

export function WorkshopItem({ event }: { event: Displayed<WorkshopEvent> }) {
  const status = event.cancelled
    ? 'séance annulée'
    : (REGISTRATION_STATUSES[event.status as keyof typeof REGISTRATION_STATUSES] ?? event.status).toLowerCase();
  return (
    <p className="fr-mb-0">
      <TimelineBadge tone="success">Atelier</TimelineBadge>
      <Link to={`/ateliers/seances/${event.sessionId}`}>« {event.title} »</Link> : {status}
    </p>
  );
}
