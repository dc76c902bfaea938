// Données ouvertes : comptes mensuels agrégés et anonymes ; une case qui concerne moins de 5 personnes est
// masquée (secret statistique), pour qu'aucune personne ne puisse être reconnue. Fonctions pures.
//
// Les valeurs d'une même dimension (thématique, niveau, mode, résultat) se partagent les sollicitations du mois :
// leur somme est le total du mois, lisible sur une autre dimension. Une case masquée seule dans sa dimension se
// retrouverait donc par soustraction ; le secret est complété (suppression complémentaire) : la plus petite case
// visible de la dimension est masquée aussi, autant de fois qu'il faut pour qu'aucune case ne se déduise.

export const MINIMUM_PERSONS = 5;

export const OPEN_DATA_COLUMNS = ['mois', 'dimension', 'valeur', 'sollicitations', 'secret_statistique'] as const;

export interface OpenDataCell {
  month: string;
  dimension: 'thematique' | 'niveau' | 'mode' | 'resultat';
  value: string;
  count: number;
  persons: number;
}

export interface PublishedCell extends OpenDataCell {
  hidden: boolean;
}

/** Les cases à publier, dans leur ordre, chacune masquée ou non (secret primaire et complémentaire). */
export function protectCells(cells: readonly OpenDataCell[]): PublishedCell[] {
  const published = cells.map((cell) => ({ ...cell, hidden: cell.persons < MINIMUM_PERSONS }));
  const groups = new Map<string, PublishedCell[]>();
  for (const cell of published) {
    const key = `${cell.month}|${cell.dimension}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  for (const group of groups.values()) {
    while (disclosive(group)) {
      const next = group.filter((c) => !c.hidden).sort((a, b) => a.count - b.count || a.value.localeCompare(b.value))[0];
      if (!next) break;
      next.hidden = true;
    }
  }
  return published;
}

/**
 * Une dimension laisse deviner une case masquée quand une seule l'est (le total moins les cases visibles), ou quand
 * les masquées ne peuvent valoir que 1 chacune (leur somme égale leur nombre : une case publiée compte au moins 1).
 */
function disclosive(group: readonly PublishedCell[]) {
  const hidden = group.filter((c) => c.hidden);
  if (hidden.length === 0) return false;
  if (hidden.length === 1) return true;
  return hidden.reduce((sum, c) => sum + c.count, 0) === hidden.length;
}

/** La ligne publiée : le compte, ou rien avec « oui » au secret statistique. */
export const openDataLine = (cell: PublishedCell) =>
  cell.hidden ? [cell.month, cell.dimension, cell.value, '', 'oui'] : [cell.month, cell.dimension, cell.value, String(cell.count), 'non'];
