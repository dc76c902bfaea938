// Les erreurs attendues des orientations, en français : une seule table, lue par les routes et les formulaires.

export const REFERRAL_NOT_FOUND = "Cette orientation n'existe pas dans votre structure.";

/** Réponses refusées à une orientation (prise en compte, résultat), pour l'agent qui la reçoit ou l'envoie. */
export const ANSWER_REFUSALS = {
  introuvable: REFERRAL_NOT_FOUND,
  deja_close: 'Cette orientation est déjà close : son résultat ne change plus.',
  deja_prise_en_compte: 'Cette orientation est déjà prise en compte.',
} as const;

/** Les mêmes refus, dits au lieu sans compte qui répond par le lien signé. */
export const LINK_ANSWER_REFUSALS = {
  deja_close: 'Cette orientation est déjà close : la réponse enregistrée ne change plus.',
  deja_prise_en_compte: 'Cette orientation est déjà prise en compte.',
} as const;

/** Renvoyer le lien signé au lieu. */
export const LINK_REFUSALS = {
  sans_lien: "Cette orientation n'a pas de lien : la personne n'a pas accepté que le lieu soit prévenu.",
  deja_close: 'Le lieu a déjà donné sa réponse : le lien ne sert plus.',
} as const;
