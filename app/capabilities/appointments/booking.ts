// Les règles d'un rendez-vous (issue 22), en fonctions pures : pourquoi un créneau ne se prend pas, quels états se
// notent quand, ce qui reste « à renseigner », jusqu'à quand la personne annule elle-même.
import type { Motif } from './slots';
import type { AppointmentStatus } from './vocabulary';

/** Pourquoi un créneau demandé ne se prend pas (le message va à côté du champ). */
export type Unavailable = 'passe' | 'hors_fenetre' | 'ferie' | 'absence' | 'pris' | 'hors_plage';

export const UNAVAILABLE_MESSAGES: Record<Unavailable, string> = {
  passe: 'Ce créneau est déjà passé : choisissez-en un autre.',
  hors_fenetre: 'Ce créneau est trop tôt ou trop loin pour ce motif : choisissez-en un dans la liste.',
  ferie: 'Ce jour est férié : le service est fermé.',
  absence: 'L’agent est absent à ce moment-là : choisissez un autre créneau.',
  pris: 'Ce créneau vient d’être pris : choisissez-en un autre.',
  hors_plage: 'Ce créneau n’est pas dans les heures d’ouverture de l’agent pour ce motif.',
};

/** Un agent prend un rendez-vous sans délai minimal, jusqu'à un an à l'avance ; la personne, dans la fenêtre du motif. */
export const agentWindow = (motif: Motif): Motif => ({ ...motif, minNoticeMinutes: 0, maxDaysAhead: 366 });

/** La raison la plus utile quand un créneau n'est pas parmi les créneaux libres (vérifiée dans cet ordre). */
export function unavailableReason(input: {
  start: Date;
  end: Date;
  now: Date;
  earliest: Date;
  latest: Date;
  holiday: boolean;
  overlapsAbsence: boolean;
  overlapsAppointment: boolean;
}): Unavailable {
  if (input.start.getTime() < input.now.getTime()) return 'passe';
  if (input.start < input.earliest || input.start > input.latest) return 'hors_fenetre';
  if (input.holiday) return 'ferie';
  if (input.overlapsAbsence) return 'absence';
  if (input.overlapsAppointment) return 'pris';
  return 'hors_plage';
}

/** Les états qu'un agent note sur un rendez-vous. */
export type MarkedStatus = Extract<AppointmentStatus, 'honore' | 'excuse' | 'absent'>;
export const MARKED_STATUSES: readonly MarkedStatus[] = ['honore', 'absent', 'excuse'];

/**
 * Peut-on noter cet état maintenant ? Honoré ou absent, une fois l'heure venue ; excusé (la personne a prévenu), à tout
 * moment. Un état noté se corrige entre honoré, absent et excusé ; un rendez-vous annulé ne change plus.
 */
export function canMark(current: AppointmentStatus, next: MarkedStatus, startsAt: Date, now: Date): boolean {
  if (current === 'annule') return false;
  if (next !== 'excuse' && startsAt.getTime() > now.getTime()) return false;
  return current !== next;
}

/** Passé et toujours « prévu » : le rendez-vous est « à renseigner ». */
export const isToFill = (status: AppointmentStatus, endsAt: Date, now: Date) => status === 'prevu' && endsAt.getTime() <= now.getTime();

/** La personne annule elle-même (par le lien) jusqu'à 4 heures avant. */
export const CANCEL_NOTICE_HOURS = 4;
export const cancelDeadline = (startsAt: Date) => new Date(startsAt.getTime() - CANCEL_NOTICE_HOURS * 3_600_000);
export const canCancelByPerson = (status: AppointmentStatus, startsAt: Date, now: Date) =>
  status === 'prevu' && now.getTime() < cancelDeadline(startsAt).getTime();

/** Le rappel part 48 heures avant. */
export const REMINDER_HOURS = 48;
export const reminderAt = (startsAt: Date) => new Date(startsAt.getTime() - REMINDER_HOURS * 3_600_000);

/** « Plus tôt » : au plus 3 propositions pour un rendez-vous, une par jour au plus. */
export const MAX_EARLIER_OFFERS = 3;
export const EARLIER_OFFER_GAP_HOURS = 24;

/** Une proposition peut-elle partir maintenant pour ce rendez-vous ? */
export function canOfferEarlier(
  a: { status: AppointmentStatus; earlierWanted: boolean; earlierOffers: number; earlierOfferedAt: Date | null },
  now: Date,
) {
  if (a.status !== 'prevu' || !a.earlierWanted || a.earlierOffers >= MAX_EARLIER_OFFERS) return false;
  return !a.earlierOfferedAt || now.getTime() - a.earlierOfferedAt.getTime() >= EARLIER_OFFER_GAP_HOURS * 3_600_000;
}

/** Une heure libre vaut d'être proposée si elle avance le rendez-vous d'un jour au moins. */
export const isWorthOffering = (slotStart: Date, appointmentStart: Date) =>
  appointmentStart.getTime() - slotStart.getTime() >= EARLIER_OFFER_GAP_HOURS * 3_600_000;
