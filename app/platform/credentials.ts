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
export function findCredential(input: string): CredentialKind | null {
  if (!input) return null;
  // Un mot de plus de 100 caractères n'est pas un secret qu'on recopie : il est raccourci, ce qui garde chaque règle
  // linéaire sur un texte énorme (un seul mot d'un million de caractères ne doit pas occuper le serveur).
  const text = input.replace(/\S{101,}/g, (word) => word.slice(0, 100));
  const plain = fold(text);
  if (hasSocialSecurityNumber(text) || hasNumberInContext(plain, NIR_CONTEXT, NIR_SHAPE)) return 'numero_securite_sociale';
  if (hasIban(text) || hasNumberInContext(plain.toUpperCase(), IBAN_CONTEXT, IBAN_SHAPE)) return 'iban';
  if (hasCardNumber(text) || hasNumberInContext(plain, CARD_CONTEXT, CARD_SHAPE) || CARD_SECURITY_CODE.test(plain)) return 'carte_bancaire';
  if (hasPassword(plain, text) || hasIdentifierPair(plain, text) || hasSecurityAnswer(plain)) return 'mot_de_passe';
  if (hasSecretCode(plain) || hasCodeWithoutKeyword(plain) || SPELLED_DIGITS.test(plain)) return 'code_secret';
  return null;
}

export const credentialMessage = (text: string) => {
  const kind = findCredential(text);
  return kind ? CREDENTIAL_MESSAGES[kind] : null;
};

// --- Mots de passe ----------------------------------------------------------------------------------

/** Le mot-clé, y compris ses fautes courantes (« mpd », « psw », « pasword », « mot de pass », « motdepasse »). */
const PASSWORD_KEYWORD = /\b(?:mots?[ -]?de[ -]?pas{1,3}e?s?|mots? passe|mdps?|mpd|m\.d\.p\.?|pass(?:word|wd)?|pas{1,2}wo?rd|pswd?|pwd)\b/g;

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
/** Un qualificatif (« de la », « caf », « l'anef ») : un mot de la liste, ou un mot élidé (l', d'). */
const isQualifier = (token: string) => QUALIFIERS.has(token) || /^[ld]'\p{L}+$/u.test(token);

/** Noms propres en casse mixte qui ne sont pas des secrets (FranceConnect, iPhone…). */
const KNOWN_NAMES = new Set(
  'franceconnect paypal whatsapp iphone linkedin youtube facebook messenger leboncoin doctolib mesdroitssociaux ameli.fr impots.gouv.fr'.split(
    ' ',
  ),
);

/**
 * Un mot qui a la forme d'un secret et n'est pas une donnée ordinaire : ni un petit nombre, ni une date, une heure,
 * un montant, un téléphone, une adresse e-mail ou un nom connu.
 */
function secretCandidate(raw: string, next = '') {
  const word = clean(raw);
  const folded = fold(word);
  if (word.length < 4 || !secretShaped(word) || KNOWN_NAMES.has(folded) || NOT_A_SECRET.has(folded)) return false;
  if (/^\d{1,3}$/.test(word) || /^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$/.test(word) || /^\d{1,2}h\d{0,2}$/i.test(word)) return false;
  if (
    /^\d+(?:[.,]\d+)?(?:€|eur|euros)?$/i.test(word) &&
    /^(?:€|eur|euros?|caracteres|chiffres|essais|fois|jours|mois|ans|minutes|lettres)/.test(fold(next))
  )
    return false;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(word) || /^0\d(?:[ .-]?\d{2}){4}$/.test(word)) return false;
  return true;
}

/** Un nombre écrit en lettres (« mille neuf cent soixante-quatre », « cinq cinq un deux »). */
const NUMBER_WORDS =
  /\b(?:zero|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|soixante|cent|mille)\b/g;
const SPELLED_DIGITS =
  /(?:\b(?:zero|un|deux|trois|quatre|cinq|six|sept|huit|neuf)\b[\s,-]+){3}\b(?:zero|un|deux|trois|quatre|cinq|six|sept|huit|neuf)\b/;
/** Une recette de secret : « le prénom de sa fille suivi de 2009 », « nom du chien + 75 ». */
const RECIPE =
  /\b(?:prenom|nom|date de naissance|annee de naissance|surnom|ville|initiales)\b[^.\n]{0,40}?(?:\bsuivie? de\b|\bpuis\b|\bplus\b|\+|\bet\b|\bavec\b)\s*(?:\S*\d\S*|[!*#@$%&?]+|\p{L}+ (?:\d+|[!*#]))/u;
const spelledValue = (clause: string) => (clause.match(NUMBER_WORDS)?.length ?? 0) >= 3 || RECIPE.test(clause);
/** Forme d'un secret : un chiffre, un symbole, ou une majuscule au milieu du mot. */
const secretShaped = (raw: string) => {
  const word = raw.replace(/[’‘`´]/g, "'");
  return /\d/.test(word) || /[^\p{L}\d'.-]/u.test(word) || /\p{Ll}\p{Lu}/u.test(word);
};

function hasPassword(plain: string, original: string) {
  let seen = 0;
  for (const match of plain.matchAll(PASSWORD_KEYWORD)) {
    // Au-delà de 500 mots-clés, ce n'est plus une note : le reste n'est pas lu (le temps reste borné).
    if (++seen > 500) break;
    const start = match.index + match[0].length;
    // La proposition qui suit le mot-clé : jusqu'à la fin de phrase (un point suivi d'une espace).
    const clause = plain
      .slice(start, start + 300)
      .split(/[.;!?](?:\s|$)|\n|\s[—–]\s/)[0]!
      .slice(0, 100);
    if (spelledValue(clause)) return true;
    const originalClause = original.slice(start, start + clause.length);
    const tokens = [...clause.matchAll(/->|=>|[:=]|[^\s:=]+/g)].map((t) => ({ text: t[0], index: t.index }));
    const raw = (i: number) => originalClause.slice(tokens[i]!.index, tokens[i]!.index + tokens[i]!.text.length);
    let i = 0;
    while (i < tokens.length && isQualifier(clean(tokens[i]!.text))) i++;
    // Une valeur de la forme d'un secret dans les premiers mots (« mdp caf Soleil2024 », « password gmail X7gh »),
    // tant qu'aucun mot ne dit que ce n'en est pas un (« oublié », « changé »).
    for (let j = i; j < Math.min(tokens.length, i + 4); j++) {
      const word = clean(tokens[j]!.text);
      if (NOT_A_SECRET.has(word) && !SEPARATORS.has(tokens[j]!.text)) break;
      if (SEPARATORS.has(tokens[j]!.text)) continue;
      if (secretCandidate(raw(j), tokens[j + 1]?.text)) return true;
    }
    for (let j = i; j < tokens.length - 1; j++) {
      if (!SEPARATORS.has(tokens[j]!.text)) continue;
      const word = clean(tokens[j + 1]!.text);
      if (word.length < 3 || NOT_A_SECRET.has(word) || SEPARATORS.has(word) || isQualifier(word)) continue;
      // Après « : » ou « est » : un secret s'il en a la forme, ou s'il est le dernier mot (« mot de passe : chaton »).
      const last = j + 1 === tokens.length - 1 || /^\(/.test(tokens[j + 2]?.text ?? '');
      if (secretCandidate(raw(j + 1), tokens[j + 2]?.text) || last) return true;
    }
  }
  return false;
}

/** Un identifiant (e-mail, « identifiant X », « login X ») suivi de « / », « + » ou « ; » et d'un mot de passe. */
const IDENTIFIER_PAIR =
  /(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:identifiant|identifient|identifiants|id|login|user|utilisateur)\b\s*:?\s*\S+)\s*[/+;]\s*(\S+)/g;

function hasIdentifierPair(plain: string, original: string) {
  for (const match of plain.matchAll(IDENTIFIER_PAIR)) {
    const at = match.index + match[0].length - match[1]!.length;
    const raw = original.slice(at, at + match[1]!.length);
    if (secretCandidate(raw)) return true;
  }
  return false;
}

const SECURITY_QUESTION = /\b(?:questions? (?:secretes?|de securite)|q\.? secrete)\b/;
/** La réponse annoncée avant la question : « la réponse à la question secrète (ou personnelle) est « Médor » ». */
const ANSWER_BEFORE_QUESTION =
  /\breponse\b[^.\n]{0,40}\bquestions? (?:secretes?|de securite|personnelles?)\b\s*(?:est|[:=])\s*[«"]?\s*([^\s»"]+)/;

/** La réponse à une question secrète (« question secrète … réponse : Médor »). */
function hasSecurityAnswer(plain: string) {
  const before = ANSWER_BEFORE_QUESTION.exec(plain);
  if (before && answerWord(before[1]!)) return true;
  const question = SECURITY_QUESTION.exec(plain);
  if (!question) return false;
  const after = plain.slice(question.index + question[0].length).replace(/\([^)]*\)/g, '');
  const answer = /\breponse\b\s*(?:[:=]|est)?\s*[«"]?\s*([^\s»"]+)/.exec(after) ?? /^[^?]*?[:=]\s*[«"]?\s*([^\s»"?]+)/.exec(after);
  return Boolean(answer && answerWord(answer[1]!));
}

const answerWord = (word: string) => clean(word).length >= 2 && !NOT_A_SECRET.has(clean(word)) && !isQualifier(clean(word));

// --- Codes secrets et codes reçus par SMS ------------------------------------------------------------

/** « code » + qualificatif non secret (postal, INSEE…) : ce n'est pas un secret. */
const PUBLIC_CODES =
  /^(?:postal|postaux|insee|naf|ape|commune|departement|pays|iban|bic|swift|rome|cim|ccam|couleur|vestimentaire|route|civil|penal|du travail|de la route|barre|barres|promo|promotionnel|client|adherent|dossier|reference|ref|agence|guichet|banque|etablissement|famille|tarif|produit|article)\b/;
const CODE_PATTERN =
  /\b(?:code|otp|pin|cle)\b((?:\s+(?:[a-z'.-]+|\([^)]*\))){0,6}?)\s*(?:[:=]|->|est|etait|c'est|recu|:)?\s*(\d(?:(?:\s?[.-]\s?|\s)?\d){3,7})\b(?!\s?[.-]?\s?\d)(?!\s?(?:euros?|€|eur|h|min|mois|ans|jours|%|rue|avenue|bd|boulevard))/g;
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
  if (/\b(?:code|mot de passe)\b[^.\n]{0,40}\b(?:par sms|recu|envoye)[^.\n]{0,20}?[:=]?\s*\d{4,8}\b/.test(plain)) return true;
  // Un code en lettres ou alphanumérique après le mot-clé : « code PIN cinq cinq un deux », « code : K7P-22Q ».
  for (const match of plain.matchAll(
    /\b(?:code|pin|otp)\b((?:\s+[a-z'.-]+){0,4}?)\s*(?:[:=]|est|c'est)?\s*([^\s,;]+(?:\s+[^\s,;]+){0,5})/g,
  )) {
    if (PUBLIC_CODES.test((match[1] ?? '').trim())) continue;
    if (spelledValue(match[2] ?? '')) return true;
    const token = (match[2] ?? '').split(/\s+/)[0]!;
    if (/\d/.test(token) && /[a-z]/i.test(token) && token.length >= 5 && !/^\d+(?:e|er|eme|h|min)$/.test(token) && secretCandidate(token))
      return true;
  }
  return false;
}

/** Un code reçu sans le mot « code » : « Réinitialisation CAF : 77.40.18 reçu », « 3D secure 482913 », « SMS reçu : 482913 ». */
function hasCodeWithoutKeyword(plain: string) {
  return /\b(?:reinitialisation|3d ?secure|3ds|sms|texto|otp|activation|verification)\b[^.\n\d]{0,30}?(?<![\d/])\d(?:(?:\s?[.-]\s?|\s)?\d){3,7}(?![\d/])(?!\s?[.-]?\s?\d)(?!\s?(?:euros?|€|h\b|min|mois|ans|jours|%|caracteres|chiffres))/.test(
    plain,
  );
}

// --- Numéros : carte bancaire, IBAN, sécurité sociale -----------------------------------------------
// Annoncé par son contexte (« CB », « IBAN », « n° sécu »), un numéro de la bonne forme suffit, même si sa clé est
// fausse (une faute de frappe reste un numéro de carte) ; sans contexte, seule une clé juste le désigne.

const CARD_CONTEXT = /\b(?:cb|carte(?: bancaire| bleue| visa)?|visa|mastercard|numero de (?:la )?carte|n° de (?:la )?carte)\b/g;
const CARD_SHAPE = /^[^\d]{0,25}?(?<!\d)((?:\d[ -]?){12,18}\d)(?!\d)/;
const CARD_SECURITY_CODE = /\b(?:cvv|cvc|cvv2|cryptogramme|crypto)\b\s*(?:visuel\s*)?(?:[:=]|est)?\s*\d{3,4}\b/;
const IBAN_CONTEXT = /\b(?:IBAN|RIB|COORDONNEES BANCAIRES|COMPTE BANCAIRE|BIC)\b/g;
const IBAN_SHAPE = /^[^\n]{0,25}?\b([A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){3,7}(?:[ -]?[A-Z0-9]{1,4})?)\b/;
const NIR_CONTEXT =
  /\b(?:nir|secu|securite sociale|n° ss|no ss|numero ss|ss|carte vitale|vitale|ameli|numero d'assure|n° d'assure|insee)\b/g;
const NIR_SHAPE = /^[^\d\n]{0,25}?(?<!\d)([1278](?:[ .]?[\dAB]){12,14})(?!\d)/i;

function hasNumberInContext(plain: string, context: RegExp, shape: RegExp) {
  for (const match of plain.matchAll(context)) {
    const found = shape.exec(plain.slice(match.index + match[0].length, match.index + match[0].length + 60));
    if (!found) continue;
    const length = found[1]!.replace(/[\s.-]/g, '').length;
    if (
      shape === CARD_SHAPE
        ? length >= 13 && length <= 19
        : shape === NIR_SHAPE
          ? length >= 13 && length <= 15
          : length >= 15 && length <= 34
    )
      return true;
  }
  return false;
}

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
