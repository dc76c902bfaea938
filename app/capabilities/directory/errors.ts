// Les erreurs attendues de l'annuaire, en français, lues par les routes de la capacité.

export const PLACE_NOT_FOUND = "Ce lieu n'existe pas dans votre annuaire.";
