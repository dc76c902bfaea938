// Les erreurs attendues des mandats, en français : une seule table, lue par les routes de la capacité.

export const MANDATE_NOT_FOUND = "Ce mandat n'existe pas dans votre structure.";

export const MANDATE_ERRORS = {
  introuvable: MANDATE_NOT_FOUND,
  deja_signe: 'Ce mandat est déjà signé.',
  revoque: 'Ce mandat a été révoqué : établissez-en un nouveau.',
  non_signe: 'Le mandat n’est pas encore signé : enregistrez d’abord sa signature, puis joignez le papier scanné.',
  sans_coffre:
    'La personne n’a pas encore de coffre-fort : recueillez son accord depuis sa fiche (« Coffre-fort de papiers »), puis joignez le mandat scanné.',
} as const;
