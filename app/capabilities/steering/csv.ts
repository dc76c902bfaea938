// CSV pour Excel en français : UTF-8 avec BOM, séparateur « ; », guillemets quand il le faut. Une cellule qui
// commence par = + - @ est préfixée d'une apostrophe (injection de formule). Fonctions pures.

import { neutralizeFormula } from '../../platform/csv';

export const BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const safe = neutralizeFormula(value);
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (values: ReadonlyArray<string | number | null | undefined>) => `${values.map(csvCell).join(';')}\r\n`;
