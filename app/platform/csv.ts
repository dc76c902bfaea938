// La protection de tout CSV que Relais écrit contre l'injection de formules : une cellule qu'un tableur lirait comme
// une formule (=HYPERLINK(…), +CMD…, @SOMME…) est préfixée d'une apostrophe, qu'il affiche comme du texte.

/**
 * `strict` (exports lus par des personnes) : tout début par = + - @ tabulation ou retour chariot est neutralisé.
 * Sinon (format national d'échange) : un numéro (« +33 1 80 05 98 80 », « -1,5 ») reste tel quel, car le schéma
 * national l'exige ainsi, et un tableur le lit comme un nombre, jamais comme une formule.
 */
export function neutralizeFormula(value: string, strict = true): string {
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (!strict && /^[+-][\d\s.,()]*$/.test(value)) return value;
  return `'${value}`;
}
