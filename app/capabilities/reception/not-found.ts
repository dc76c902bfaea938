/** Une personne inexistante et celle d'une autre structure : la même réponse 404, avec ce message. */
export const PERSON_NOT_FOUND = "Cette personne n'existe pas dans votre structure.";
