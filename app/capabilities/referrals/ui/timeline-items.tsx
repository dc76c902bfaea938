// L'affichage des étapes d'une orientation dans l'historique d'une personne.
import { Link } from 'react-router';
import { TimelineBadge, type Displayed } from '../../../ui/timeline';
import type { ReferralEvent } from '../timeline.server';
import { OUTCOMES } from '../vocabulary';

const STEPS: Record<string, string> = {
  envoyee: 'envoyée',
  relancee: 'lieu relancé (dernière relance)',
  prise_en_compte: 'prise en compte par le lieu',
  expiree: 'expirée sans réponse du lieu',
};

export function ReferralItem({ event }: { event: Displayed<ReferralEvent> }) {
  return (
    <p className="fr-mb-0">
      <TimelineBadge tone="info">Orientation</TimelineBadge>
      <Link to={`/orientations/${event.referralId}`}>{event.placeName}</Link>
      {' · '}
      {STEPS[event.step] ?? `résultat : ${OUTCOMES[event.outcome as keyof typeof OUTCOMES] ?? event.outcome}`}
      {event.comment && <> · « {event.comment} »</>}
    </p>
  );
}
