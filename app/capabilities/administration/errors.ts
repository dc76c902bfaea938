// Les erreurs attendues de l'administration de la structure, en français.

export const MEMBERSHIP_ERRORS = {
  interdit: 'Vous ne pouvez pas modifier votre propre accès : demandez-le à un autre administrateur.',
  introuvable: 'Cet agent ne fait pas partie de la structure.',
  invitation_introuvable: 'Cette invitation n’est plus en attente : elle a déjà reçu une réponse ou été annulée.',
  role_partenaire:
    'Le rôle « Partenaire » est celui des personnes d’une structure partenaire : un agent de la structure ne le prend pas, et un partenaire ne devient pas agent par un changement de rôle (invitez-le avec son nouveau rôle).',
} as const;

export const INVITE_ERRORS = {
  deja_membre: 'Cette personne fait déjà partie de la structure.',
  deja_invite: 'Une invitation attend déjà la réponse de cette personne.',
} as const;

export const PARTNERSHIP_ERRORS = {
  structure_inconnue: 'Choisissez une autre structure de la liste.',
  deja_partenaires: 'Un partenariat avec cette structure est déjà proposé ou accepté.',
  partenariat_introuvable: 'Ce partenariat a changé entre-temps : la page est à jour, recommencez si besoin.',
} as const;
