// Les champs de formulaire que toutes les capacités partagent : texte libre sans secret, choix dans un
// vocabulaire, champ facultatif. Chaque erreur garde son message français.
import { z } from 'zod';
import { credentialMessage } from './credentials';

/** Texte libre : longueur bornée, jamais d'identifiant secret (mot de passe, code, carte…). */
export const freeText = (max: number, label: string) =>
  z
    .preprocess(
      (value) => value ?? '',
      z
        .string()
        .trim()
        .max(max, `${label} ne doit pas dépasser ${max} caractères.`)
        .superRefine((value, ctx) => {
          const message = credentialMessage(value);
          if (message) ctx.addIssue({ code: 'custom', message });
        }),
    )
    .transform((v) => v || null);

/** Champ facultatif : vide ou absent donne null ; sinon `schema` valide, avec son propre message d'erreur. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), schema.nullable());

const keys = <T extends object>(object: T) => Object.keys(object) as [keyof T & string, ...Array<keyof T & string>];

/** Une valeur parmi les clés d'un vocabulaire. */
export const choice = <T extends object>(object: T, message: string) => z.enum(keys(object), { error: message });

export const optionalChoice = <T extends object>(object: T, message: string) => optional(choice(object, message));

/** Une liste de cases à cocher : absente, une valeur ou plusieurs. */
export const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
