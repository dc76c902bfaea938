// Données ouvertes : comptes mensuels agrégés et anonymes ; une case qui concerne moins de 5 personnes est
// masquée (secret statistique), pour qu'aucune personne ne puisse être reconnue. Fonctions pures.

export const MINIMUM_PERSONS = 5;

export const OPEN_DATA_COLUMNS = ['mois', 'dimension', 'valeur', 'sollicitations', 'secret_statistique'] as const;

export interface OpenDataCell {
  month: string;
  dimension: 'thematique' | 'niveau' | 'mode' | 'resultat';
  value: string;
  count: number;
  persons: number;
}

/** La ligne publiée : le compte, ou rien avec « oui » au secret statistique. */
export const openDataLine = (cell: OpenDataCell) =>
  cell.persons < MINIMUM_PERSONS
    ? [cell.month, cell.dimension, cell.value, '', 'oui']
    : [cell.month, cell.dimension, cell.value, String(cell.count), 'non'];
