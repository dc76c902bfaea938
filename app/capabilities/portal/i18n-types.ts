// Les types du catalogue de messages du portail : chaque langue a exactement les clés du français.

/** Le même arbre que le catalogue de référence, avec des textes à la place des textes. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

/** Les clés « a.b.c » des textes d'un catalogue. */
export type MessageKey<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : MessageKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
