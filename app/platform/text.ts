/**
 * Minuscules sans accents, apostrophes et tirets unifiés, caractère par caractère : le texte plié garde
 * la longueur de l'original (on peut y relire la forme exacte d'un mot repéré). Sert aux recherches
 * tolérantes et aux règles qui comparent des mots.
 */
export function fold(text: string) {
  return [...text]
    .map((char) => {
      const folded = char
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[’‘`´]/g, "'")
        .replace(/[‐-―]/g, '-')
        .toLowerCase();
      return folded.length === char.length ? folded : char;
    })
    .join('');
}

/** Clé de recherche d'un nom : plié, espaces réduits. */
export const searchKey = (...parts: Array<string | null | undefined>) => fold(parts.filter(Boolean).join(' ')).replace(/\s+/g, ' ').trim();

/** Prénom et nom, le nom s'il est connu : « Awa Diop », « Awa ». */
export const fullName = (firstName: string, lastName: string | null | undefined) => (lastName ? `${firstName} ${lastName}` : firstName);

/** « de » devant un nom, élidé devant une voyelle : « Rôle d'Élodie », « Diagnostic de Karim ». */
export const ofName = (name: string) => (/^[aeiouyàâäéèêëîïôöùûü]/i.test(name.normalize('NFC')) ? `d'${name}` : `de ${name}`);
