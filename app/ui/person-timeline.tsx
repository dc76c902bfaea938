// L'historique d'une personne : chaque événement affiché par la capacité qui l'a apporté (le pendant, à l'écran,
// du registre app/person-timeline.server.ts).
import { DiagnosisItem } from '../capabilities/diagnosis/ui/timeline-items';
import { MandateItem } from '../capabilities/mandates/ui/timeline-items';
import { ReceptionItem } from '../capabilities/reception/ui/timeline-items';
import { ReferralItem } from '../capabilities/referrals/ui/timeline-items';
import { WorkshopItem } from '../capabilities/workshops/ui/timeline-items';
import type { TimelineEvent } from '../person-timeline.server';
import type { Displayed } from './timeline';

function Item({ event }: { event: Displayed<TimelineEvent> }) {
  switch (event.kind) {
    case 'sollicitation':
    case 'arrivee':
    case 'note_privee':
      return <ReceptionItem event={event} />;
    case 'mandat':
    case 'acte':
      return <MandateItem event={event} />;
    case 'orientation':
      return <ReferralItem event={event} />;
    case 'diagnostic':
    case 'etape':
      return <DiagnosisItem event={event} />;
    case 'atelier':
      return <WorkshopItem event={event} />;
  }
}

export function PersonTimeline({ events }: { events: Array<Displayed<TimelineEvent>> }) {
  if (events.length === 0) return <p>Rien encore.</p>;
  return (
    <ol className="relais-timeline">
      {events.map((event) => (
        <li key={`${event.kind}-${event.id}`}>
          <p className="fr-text--sm fr-mb-0">{event.at}</p>
          <Item event={event} />
        </li>
      ))}
    </ol>
  );
}
