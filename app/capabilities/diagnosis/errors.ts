// Les erreurs attendues du diagnostic et du parcours, en français, lues par les routes de la capacité.

export const DIAGNOSIS_NOT_FOUND = "Ce diagnostic n'existe pas dans votre structure.";
export const STEP_NOT_FOUND = "Cette étape n'est pas dans le plan d'une personne de votre structure.";
