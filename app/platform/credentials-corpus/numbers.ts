// Numéros fictifs du corpus : cartes, IBAN et NIR, à clé juste ou fausse (une saisie avec une faute de frappe reste
// un numéro de carte). Générateur déterministe : le corpus est le même à chaque exécution.
import { luhn } from '../credentials';

export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** Un numéro de carte de 16 chiffres commençant par 4 ou 5 ; `valid` : clé de Luhn juste. */
export function cardNumber(random: () => number, valid: boolean) {
  const body = (random() < 0.5 ? '4' : '5') + digits(random, 14);
  for (let check = 0; check < 10; check++) {
    const candidate = body + check;
    if (luhn(candidate) === valid) return candidate;
  }
  return body + '0';
}

function mod97(numeric: string) {
  let remainder = 0;
  for (const char of numeric) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

/** Un IBAN français (27 caractères) ; `valid` : clé juste. */
export function frenchIban(random: () => number, valid: boolean) {
  const bban = digits(random, 23);
  const key = 98 - mod97(`${bban}152700`);
  const wrong = ((key + 1 + Math.floor(random() * 90)) % 97) + 2;
  return `FR${String(valid ? key : wrong === key ? key + 1 : wrong).padStart(2, '0')}${bban}`;
}

/** Un NIR (15 chiffres) ; `valid` : clé juste (97 - numéro mod 97). */
export function nir(random: () => number, valid: boolean) {
  const body = `${random() < 0.5 ? 1 : 2}${String(40 + Math.floor(random() * 60)).padStart(2, '0')}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 95)).padStart(2, '0')}${digits(random, 6)}`;
  const key = 97 - mod97(body);
  const wrong = key === 97 ? 1 : key + 1;
  return `${body}${String(valid ? key : wrong).padStart(2, '0')}`;
}

/** Écritures d'un même numéro : groupes de 4 séparés d'espaces, de tirets, ou d'un bloc. */
export function grouped(value: string, style: number, size = 4) {
  if (style % 3 === 2) return value;
  const groups = value.match(new RegExp(`.{1,${size}}`, 'g')) ?? [value];
  return groups.join(style % 3 === 0 ? ' ' : '-');
}

/** Le NIR écrit comme sur la carte Vitale : 1 85 05 75 123 456 73. */
export const nirSpaced = (value: string) =>
  [value[0], value.slice(1, 3), value.slice(3, 5), value.slice(5, 7), value.slice(7, 10), value.slice(10, 13), value.slice(13)].join(' ');
