// Détecteur d'identifiants secrets dans un texte libre : Relais ne conserve jamais un
// mot de passe, un code reçu par SMS, un numéro de carte ou d'IBAN, ni un numéro de sécurité sociale.
// Règle pure, réutilisée par toutes les capacités (notes, prochaine étape, démarche…) ; mesurée sur un
// corpus de notes réalistes (credentials.test.ts) : rappel et taux de faux positifs.
import { fold } from './text';

export type CredentialKind = 'mot_de_passe' | 'code_secret' | 'carte_bancaire' | 'iban' | 'numero_securite_sociale';

export const CREDENTIAL_MESSAGES: Record<CredentialKind, string> = {
  mot_de_passe:
    'Ne notez jamais un mot de passe, même pour aider : il appartient à la personne, qui peut le garder dans un carnet personnel. Retirez-le de ce champ.',
  code_secret: 'Ne notez jamais un code secret ou un code reçu par SMS : il donne accès au compte de la personne. Retirez-le de ce champ.',
  carte_bancaire: 'Ne notez jamais un numéro de carte bancaire. Retirez-le de ce champ.',
  iban: "Ne notez pas d'IBAN dans un texte libre : un RIB utile va dans le coffre-fort de la personne, avec son accord.",
  numero_securite_sociale: 'Ne notez pas de numéro de sécurité sociale dans un texte libre. Retirez-le de ce champ.',
};

/** Le premier secret trouvé dans le texte, ou null. */
export function findCredential(text: string): CredentialKind | null {
  if (!text) return null;
  const plain = fold(text);
  if (hasSocialSecurityNumber(text)) return 'numero_securite_sociale';
  if (hasIban(text)) return 'iban';
  if (hasCardNumber(text)) return 'carte_bancaire';
  if (hasPassword(plain, text)) return 'mot_de_passe';
  if (hasSecretCode(plain)) return 'code_secret';
  return null;
}

export const credentialMessage = (text: string) => {
  const kind = findCredential(text);
  return kind ? CREDENTIAL_MESSAGES[kind] : null;
};

// --- Mots de passe ----------------------------------------------------------------------------------

const PASSWORD_KEYWORD = /\b(?:mots?[ -]de[ -]passe|mots? passe|mdp|m\.d\.p\.?|pass(?:word|wd)?|pwd)\b/g;

/** Mots qui peuvent séparer le mot-clé de sa valeur : un compte nommé, « provisoire », « de la caf »… */
const QUALIFIERS = new Set(
  `de du des d' la le l' sur pour a son sa ses mon ma compte espace site appli application provisoire temporaire
  nouveau nouvel actuel initial habituel caf ameli cpam impots impots.gouv france connect franceconnect travail pole
  emploi ants msa carsat cnav info retraite mutuelle banque gmail hotmail orange laposte outlook yahoo e-mail email mail
  messagerie boite adresse`.split(/\s+/),
);

const SEPARATORS = new Set([':', '=', '->', '=>', "c'est", 'est', "n'est", 'etait', "n'etait", 'sera', 'devient', 'reste', 'vaut']);

/** Mots qui suivent « mot de passe » sans en être la valeur (« mot de passe oublié », « … est bloqué »). */
const NOT_A_SECRET = new Set(
  `oublie oubliee oublies perdu perdus perdue change changee changes modifie modifiee reinitialise reinitialisee reinitialiser
  reinitialisation bloque bloquee expire expiree faux fausse incorrect incorrecte errone erronee correct correcte bon bonne
  mauvais mauvaise valide invalide trop pas plus toujours jamais encore deja bien mal ok non oui inconnu inconnue vide
  simple complique long longue court courte fort forte faible securise dans sur le la les un une des du de d' a au aux en
  et ou avec sans pour par qu' que qui quoi son sa ses mon ma mes votre vos leur leurs elle il lui on nous vous ils elles
  je j' tu celui celle different differente meme identique nouveau nouvelle provisoire temporaire envoye envoyee recu
  recue demande demandee cree creee creer choisir choisi choisie renouveler renouvele saisi saisie saisir noter note notee
  retrouve retrouvee retrouver garde gardee garder conserve conserver ecrit ecrite carnet papier enveloppe refait refaire
  obligatoire necessaire requis requise accepte refuse refusee verrouille verrouillee actif active lien mail sms courrier
  compte espace site application appli personnel personnelle secret secrete confidentiel confidentielle ete etre fait
  faite a-t-il a-t-elle avait aura manager`.split(/\s+/),
);

const clean = (token: string) => token.replace(/^["«“(']+|["»”),.!?;]+$/g, '');
/** Forme d'un secret : un chiffre, un symbole, ou une majuscule au milieu du mot. */
const secretShaped = (raw: string) => {
  const word = raw.replace(/[’‘`´]/g, "'");
  return /\d/.test(word) || /[^\p{L}\d'.-]/u.test(word) || /\p{Ll}\p{Lu}/u.test(word);
};

function hasPassword(plain: string, original: string) {
  for (const match of plain.matchAll(PASSWORD_KEYWORD)) {
    const start = match.index + match[0].length;
    // La proposition qui suit le mot-clé : jusqu'à la fin de phrase (un point suivi d'une espace).
    const clause = plain
      .slice(start)
      .split(/[.;!?](?:\s|$)|\n|\s[—–]\s/)[0]!
      .slice(0, 100);
    const originalClause = original.slice(start, start + clause.length);
    const tokens = [...clause.matchAll(/->|=>|[:=]|[^\s:=]+/g)].map((t) => ({ text: t[0], index: t.index }));
    const raw = (i: number) => originalClause.slice(tokens[i]!.index, tokens[i]!.index + tokens[i]!.text.length);
    let i = 0;
    while (i < tokens.length && QUALIFIERS.has(clean(tokens[i]!.text))) i++;
    if (i < tokens.length && !SEPARATORS.has(tokens[i]!.text)) {
      // Valeur collée au mot-clé (« mdp Soleil2024 ») : seulement si elle a la forme d'un secret.
      const word = clean(tokens[i]!.text);
      if (word.length >= 3 && !NOT_A_SECRET.has(word) && secretShaped(clean(raw(i)))) return true;
    }
    for (let j = i; j < tokens.length - 1; j++) {
      if (!SEPARATORS.has(tokens[j]!.text)) continue;
      const word = clean(tokens[j + 1]!.text);
      if (word.length < 3 || NOT_A_SECRET.has(word) || SEPARATORS.has(word) || QUALIFIERS.has(word)) continue;
      // Après « : » ou « est » : un secret s'il en a la forme, ou s'il est le dernier mot (« mot de passe : chaton »).
      const last = j + 1 === tokens.length - 1 || /^\(/.test(tokens[j + 2]?.text ?? '');
      if (secretShaped(clean(raw(j + 1))) || last) return true;
    }
  }
  return false;
}

// --- Codes secrets et codes reçus par SMS ------------------------------------------------------------

/** « code » + qualificatif non secret (postal, INSEE…) : ce n'est pas un secret. */
const PUBLIC_CODES =
  /^(?:postal|postaux|insee|naf|ape|commune|departement|pays|iban|bic|swift|rome|cim|ccam|couleur|vestimentaire|route|civil|penal|du travail|de la route|barre|barres|promo|promotionnel|client|adherent|dossier|reference|ref|agence|guichet|banque|etablissement|famille|tarif|produit|article)\b/;
const CODE_PATTERN =
  /\b(?:code|otp|pin|cle)\b((?:\s+(?:[a-z'.-]+|\([^)]*\))){0,6}?)\s*(?:[:=]|->|est|etait|c'est|recu|:)?\s*(\d(?:[\s.]?\d){3,7})\b(?!\s?(?:euros?|€|eur|h|min|mois|ans|jours|%|rue|avenue|bd|boulevard))/g;
const SECRET_CODE_HINT =
  /(?:sms|texto|secret|confidentiel|confidentielle|acces|connexion|verification|validation|confirmation|usage unique|provisoire|temporaire|securite|pin|perso|personnel|activation|authentification|double|recu|envoye|otp|carte|cb|telephone|portable|mail|ameli|caf|impots|france ?connect|ants|allocataire|identifiant)/;

function hasSecretCode(plain: string) {
  for (const match of plain.matchAll(CODE_PATTERN)) {
    const between = (match[1] ?? '').trim();
    if (PUBLIC_CODES.test(between)) continue;
    const before = plain.slice(Math.max(0, match.index - 40), match.index);
    const digits = (match[2] ?? '').replace(/\D/g, '');
    // « code 75011 » seul reste ambigu ; un code qualifié (SMS, confidentiel…) ou « code : 1234 » ne l'est pas.
    const explicit = /[:=]/.test(match[0]);
    if (
      SECRET_CODE_HINT.test(between) ||
      SECRET_CODE_HINT.test(before) ||
      explicit ||
      /^(?:otp|pin|cle)/.test(match[0]) ||
      digits.length >= 6
    )
      return true;
  }
  return /\b(?:code|mot de passe)\b[^.\n]{0,40}\b(?:par sms|recu|envoye)[^.\n]{0,20}?[:=]?\s*\d{4,8}\b/.test(plain);
}

// --- Numéros : carte bancaire, IBAN, sécurité sociale -----------------------------------------------

/** Clé de Luhn (cartes bancaires, SIREN et SIRET). */
export function luhn(digits: string) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function hasCardNumber(text: string) {
  for (const match of text.matchAll(/(?<![\d])(?:\d[ -]?){14,15}\d(?![\d])/g)) {
    const digits = match[0].replace(/\D/g, '');
    if ((digits.length === 15 || digits.length === 16) && /^[2-6]/.test(digits) && luhn(digits)) return true;
  }
  return false;
}

function mod97(numeric: string) {
  let remainder = 0;
  for (const char of numeric) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder;
}

function hasIban(text: string) {
  for (const match of text.toUpperCase().matchAll(/\b([A-Z]{2}\d{2})[ ]?((?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4})\b/g)) {
    const iban = (match[1]! + match[2]!).replace(/ /g, '');
    if (iban.length < 15 || iban.length > 34) continue;
    const rearranged = iban.slice(4) + iban.slice(0, 4);
    const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    if (mod97(numeric) === 1) return true;
  }
  return false;
}

/** NIR : sexe, année, mois, département (2A/2B en Corse), commune, ordre, clé = 97 - (numéro mod 97). */
function hasSocialSecurityNumber(text: string) {
  const pattern = /(?<![\d])([12378])[ .]?(\d{2})[ .]?(\d{2})[ .]?(\d{2}|2[AB])[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d{2})(?![\d])/gi;
  for (const match of text.matchAll(pattern)) {
    const [, sex, year, month, dept, commune, order, key] = match;
    const departement = dept!.toUpperCase().replace('2A', '19').replace('2B', '18');
    const body = `${sex}${year}${month}${departement}${commune}${order}`;
    if (97 - mod97(body) === Number(key)) return true;
  }
  return false;
}
