// Les erreurs attendues de la connexion, en français.

export const SIGN_IN_ERRORS = {
  identifiants_invalides: 'Adresse e-mail ou mot de passe incorrect.',
  verrouille:
    'Trop de tentatives avec cette adresse : la connexion est bloquée 15 minutes. Vous pouvez aussi choisir un nouveau mot de passe.',
} as const;

const LOCKED = 'Trop de codes faux : la double authentification de ce compte est bloquée 15 minutes. Un e-mail vous a prévenu.';
const NOT_SCANNED = 'Ce code ne correspond pas. Vérifiez que vous avez scanné le bon QR code.';
const WRONG_CODE = 'Ce code est incorrect, expiré ou déjà utilisé. Saisissez le code affiché maintenant.';

/** Refus d'un code de double authentification, à l'activation et à la connexion. */
export const ENROLMENT_ERRORS = {
  code_invalide: NOT_SCANNED,
  non_enrole: NOT_SCANNED,
  deja_active: 'La double authentification est déjà activée sur ce compte : saisissez le code à la connexion.',
  verrouille: LOCKED,
} as const;

export const SECOND_FACTOR_ERRORS = {
  code_invalide: WRONG_CODE,
  non_enrole: WRONG_CODE,
  deja_active: WRONG_CODE,
  verrouille: LOCKED,
} as const;
