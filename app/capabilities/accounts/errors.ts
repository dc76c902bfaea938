// Les erreurs attendues de la connexion, en français.

export const SIGN_IN_ERRORS = {
  identifiants_invalides: 'Adresse e-mail ou mot de passe incorrect.',
  verrouille:
    'Trop de tentatives avec cette adresse : la connexion est bloquée 15 minutes. Vous pouvez aussi choisir un nouveau mot de passe.',
} as const;
