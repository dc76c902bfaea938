// Lecture d'un formulaire avec un schéma zod : erreurs par champ en français, valeurs renvoyées
// pour être réaffichées (jamais les mots de passe ni le jeton CSRF).
import { data } from 'react-router';
import type { z } from 'zod';

const NEVER_ECHOED = new Set(['password', 'confirmation', 'csrf', 'code']);

export type FormFailure = { errors: Record<string, string>; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string' && !NEVER_ECHOED.has(key)) values[key] = value;
  return values;
}

export function parseForm<S extends z.ZodType>(form: FormData, schema: S):
  | { ok: true; data: z.infer<S> }
  | { ok: false; failure: FormFailure } {
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of form) if (!(key in raw)) raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'formulaire');
    errors[field] ??= issue.message;
  }
  return { ok: false, failure: { errors, values: formValues(form) } };
}

/** Réponse 400 d'un formulaire à corriger. */
export const invalid = (failure: FormFailure) => data(failure, { status: 400 });

/** Une erreur métier rattachée à un champ (ou au formulaire). */
export const invalidField = (form: FormData, field: string, message: string, status = 400) =>
  data({ errors: { [field]: message }, values: formValues(form) }, { status });
