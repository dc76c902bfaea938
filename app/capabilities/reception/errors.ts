// Les erreurs attendues de l'accueil, en français : une seule table, lue par les routes de la capacité.

/** Une personne inexistante et celle d'une autre structure : la même réponse 404, avec ce message. */
export const PERSON_NOT_FOUND = "Cette personne n'existe pas dans votre structure.";

export const RECEPTION_ERRORS = {
  personne_introuvable: PERSON_NOT_FOUND,
  file_vide: "Personne n'attend.",
  deja_pris: 'Cette personne vient d’être prise en charge par un collègue, ou est déjà partie.',
} as const;
