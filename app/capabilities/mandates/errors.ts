// Les erreurs attendues des mandats, en français : une seule table, lue par les routes de la capacité.

export const MANDATE_NOT_FOUND = "Ce mandat n'existe pas dans votre structure.";

export const MANDATE_ERRORS = {
  introuvable: MANDATE_NOT_FOUND,
  deja_signe: 'Ce mandat est déjà signé.',
  revoque: 'Ce mandat a été révoqué : établissez-en un nouveau.',
} as const;
