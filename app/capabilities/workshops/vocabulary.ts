// Les vocabulaires des ateliers collectifs (issue 23) : le niveau d'un atelier, l'état d'une inscription, la présence.

export const LEVELS = { debutant: 'Débutant', intermediaire: 'Intermédiaire', avance: 'Avancé' } as const;
export type Level = keyof typeof LEVELS;

/**
 * L'état d'une inscription. « proposee » : une place s'est libérée, la personne a 48 heures pour la confirmer ;
 * « expiree » : elle n'a pas répondu à temps (la place passe au suivant). Les trois derniers se notent à la séance.
 */
export const REGISTRATION_STATUSES = {
  inscrit: 'Inscrit',
  proposee: 'Place proposée, à confirmer',
  attente: 'Sur la liste d’attente',
  desinscrit: 'Désinscrit',
  expiree: 'Proposition sans réponse',
  present: 'Présent',
  absent: 'Absent',
  excuse: 'Excusé',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

/** Les états qui tiennent une place de la séance (compteur `seats_taken`, migration « ateliers »). */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['inscrit', 'proposee', 'present', 'absent', 'excuse'];
/** Les états d'une inscription encore en cours : une personne n'en a qu'une par séance. */
export const ACTIVE: readonly RegistrationStatus[] = [...SEAT_HOLDING, 'attente'];

export const ATTENDANCE = { present: 'Présent', absent: 'Absent', excuse: 'Excusé' } as const;
export type Attendance = keyof typeof ATTENDANCE;

/** Qui a inscrit : un agent, ou la personne dans son espace. */
export type RegisteredVia = 'agent' | 'habitant';
