// L'affichage des événements que les mandats apportent à l'historique d'une personne.
import { Link } from 'react-router';
import { TimelineBadge, type Displayed } from '../../../ui/timeline';
import type { MandateEvent } from '../timeline.server';
import { AREAS, type Area } from '../vocabulary';

const MANDATE_STEPS = {
  etabli: 'Mandat établi',
  etabli_signe: 'Mandat établi et signé',
  signe: 'Mandat signé',
  revoque: 'Mandat révoqué',
} as const;
const areaLabel = (area: string) => AREAS[area as Area]?.label ?? area;

export function MandateItem({ event }: { event: Displayed<MandateEvent> }) {
  if (event.kind === 'mandat')
    return (
      <p className="fr-mb-0">
        <TimelineBadge tone="info">Mandat</TimelineBadge>
        <Link to={`/mandats/${event.mandateId}`}>
          {MANDATE_STEPS[event.step]} ({event.areas.map(areaLabel).join(', ')})
        </Link>
        {event.reason ? ` : ${event.reason}` : ''}
      </p>
    );
  return (
    <p className="fr-mb-0">
      <TimelineBadge tone="warning">Fait à sa place</TimelineBadge>
      {areaLabel(event.area)} — {event.onlineService} : {event.whatDone}
      {event.by ? ` · ${event.by}` : ''} ({event.personSeq === 1 ? '1er' : `${event.personSeq}e`} acte pour la personne · n° {event.id} du
      journal de la structure)
    </p>
  );
}
