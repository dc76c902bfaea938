// Les libellés des pages des ateliers, partagés par les routes : une séance dite en une ligne.
import { dateFormat } from '../../../platform/time';

export const sessionWhen = dateFormat({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
export const shortDay = dateFormat({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/** « 6 places sur 8 », « complet », et la liste d'attente s'il y en a une. */
export function seatsLabel(s: { seatsTaken: number; capacity: number; waiting: number; cancelledAt: Date | string | null }) {
  if (s.cancelledAt) return 'annulée';
  const seats =
    s.seatsTaken >= s.capacity
      ? `complet (${s.capacity} places)`
      : `${s.seatsTaken} inscrit${s.seatsTaken > 1 ? 's' : ''} sur ${s.capacity} places`;
  return s.waiting > 0 ? `${seats}, ${s.waiting} en attente` : seats;
}
