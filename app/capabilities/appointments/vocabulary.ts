// Le vocabulaire des rendez-vous (issue 22), repris de RDV Service Public : où se tient le rendez-vous, qui peut le
// prendre, et les délais de réservation en ligne proposés (de 30 minutes à 3 mois).

export const LOCATION_TYPES = {
  sur_place: 'Sur place',
  telephone: 'Par téléphone',
  domicile: 'À domicile',
  visio: 'En visio (lien envoyé)',
} as const;
export type LocationType = keyof typeof LOCATION_TYPES;

export const BOOKABLE_BY = {
  agents: 'Les agents seulement',
  partenaires: 'Les agents et les partenaires (pour une orientation)',
  habitants: 'Aussi les habitants, dans leur espace',
} as const;
export type BookableBy = keyof typeof BOOKABLE_BY;

/** Délai minimal avant un rendez-vous pris en ligne, en minutes. */
export const MIN_NOTICES = {
  '30': '30 minutes',
  '60': '1 heure',
  '120': '2 heures',
  '1440': '1 jour',
  '2880': '2 jours',
  '10080': '1 semaine',
} as const;
/** Horizon de réservation, en jours. */
export const MAX_HORIZONS = { '7': '1 semaine', '14': '2 semaines', '30': '1 mois', '61': '2 mois', '92': '3 mois' } as const;

/** Comment une plage se répète. */
export const FREQUENCIES = { hebdomadaire: 'Chaque semaine', mensuelle: 'Chaque mois' } as const;
export type Frequency = keyof typeof FREQUENCIES;

/** Lundi = 0 … dimanche = 6 (l'ordre de `rrule`). */
export const WEEKDAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'] as const;
/** Le n-ième jour du mois d'une plage mensuelle. */
export const NTHS = { '1': 'Le premier', '2': 'Le deuxième', '3': 'Le troisième', '4': 'Le quatrième', '-1': 'Le dernier' } as const;

export const ABSENCE_KINDS = { conge: 'Congé', formation: 'Formation', reunion: 'Réunion', autre: 'Autre absence' } as const;
export type AbsenceKind = keyof typeof ABSENCE_KINDS;

/** Les états d'un rendez-vous (ceux de RDV Service Public) ; « à renseigner » : passé et encore « prévu ». */
export const APPOINTMENT_STATUSES = {
  prevu: 'Prévu',
  honore: 'Honoré',
  excuse: 'Excusé',
  annule: 'Annulé',
  absent: 'Absent',
} as const;
export type AppointmentStatus = keyof typeof APPOINTMENT_STATUSES;

/** Qui a pris le rendez-vous : un agent, la personne dans son espace, un partenaire pour une orientation. */
export const BOOKED_VIA = { agent: 'Par un agent', habitant: 'Par la personne', partenaire: 'Par un partenaire' } as const;
export type BookedVia = keyof typeof BOOKED_VIA;
