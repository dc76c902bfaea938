// Les erreurs attendues de l'administration de la structure, en français.

export const MEMBERSHIP_ERRORS = {
  interdit: 'Vous ne pouvez pas modifier votre propre accès : demandez-le à un autre administrateur.',
  introuvable: 'Cet agent ne fait pas partie de la structure.',
} as const;
