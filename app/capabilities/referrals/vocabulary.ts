// Vocabulaires des orientations. Les codes sont doublés par des contraintes en base (migration 0017).

export const CHANNELS = {
  seule: 'La personne y va seule',
  rendez_vous: 'Avec un rendez-vous pris pour elle',
  accompagnee: 'Accompagnée par un agent',
} as const;
export type Channel = keyof typeof CHANNELS;

export const STATUSES = { envoyee: 'Envoyée', prise_en_compte: 'Prise en compte', close: 'Close' } as const;
export type Status = keyof typeof STATUSES;

/** Ce qu'il est advenu de la personne chez le partenaire. */
export const OUTCOMES = {
  venue: 'Venue',
  accompagnee: 'Accompagnée',
  non_venue: 'Non venue',
  reorientee: 'Réorientée ailleurs',
  refusee: 'Refusée',
} as const;
export type Outcome = keyof typeof OUTCOMES;

/** Les motifs de refus, liste fermée (comme DORA) pour que le pilotage puisse les compter. */
export const REFUSAL_REASONS = {
  injoignable: 'Personne injoignable',
  pas_venue: 'Ne s’est pas présentée',
  non_eligible: 'Non éligible',
  pas_interessee: 'Pas intéressée',
  complet: 'Plus de place',
  doublon: 'Doublon',
  autre: 'Autre',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

/** Sans réponse à 30 jours, une orientation expire (DORA fait de même). */
export const EXPIRY_DAYS = 30;

/** Les messages qu'une orientation fait partir (outbox), tels que l'agent les lit sur sa page. */
export const MESSAGE_PURPOSES: Record<string, string> = {
  'orientation.fiche': 'Fiche envoyée à la personne',
  'orientation.avis': 'Avis au partenaire',
  'orientation.lien': 'Lien envoyé au lieu',
  'orientation.relance': 'Relance au lieu',
  'orientation.expiree': 'Avis d’expiration à l’agent',
  'utilisateur.invitation': 'Invitation d’un agent',
  'portail.code': 'Code de connexion d’un habitant',
  'mandat.revoque_par_la_personne': 'Avis au médiateur : mandat arrêté par la personne',
  'coffre.partage_lien': 'Lien de partage de papiers envoyé à un organisme',
  'coffre.partage_code': 'Code de partage de papiers envoyé à un organisme',
  'coffre.echeance': 'Rappel d’un papier qui expire',
};
