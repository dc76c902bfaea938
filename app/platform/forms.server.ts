// Lecture d'un formulaire avec un schéma zod : erreurs par champ en français, valeurs renvoyées
// pour être réaffichées (jamais les mots de passe ni le jeton CSRF).
import { data } from 'react-router';
import type { z } from 'zod';

const NEVER_ECHOED = new Set(['password', 'confirmation', 'csrf', 'code']);

export type FormFailure = { errors: Record<string, string>; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  // Une clé répétée (cases à cocher) est rendue séparée par des virgules.
  const values: Record<string, string> = {};
  for (const key of new Set(form.keys())) {
    if (NEVER_ECHOED.has(key)) continue;
    values[key] = form
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .join(',');
  }
  return values;
}

export function parseForm<S extends z.ZodType>(
  form: FormData,
  schema: S,
): { ok: true; data: z.infer<S> } | { ok: false; failure: FormFailure } {
  // Une clé répétée (cases à cocher) devient une liste.
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    raw[key] = values.length > 1 ? values : values[0]!;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'formulaire');
    errors[field] ??= issue.message;
  }
  return { ok: false, failure: { errors, values: formValues(form) } };
}

/**
 * Ce que rend une action à corriger : les erreurs par champ, les valeurs saisies (gardées), et ce que la page doit
 * savoir de plus (`intent`, un message…). Une seule forme, lue côté page par `feedbackOf` (app/ui/form.tsx).
 */
export function feedback<Extra extends Record<string, unknown> = Record<never, never>>(
  errors: Record<string, string> = {},
  values: Record<string, string> = {},
  extra?: Extra,
) {
  return { errors, values, ...(extra as Extra) };
}

/** Réponse 400 d'un formulaire que `parseForm` a refusé (avec ce que la page doit savoir de plus). */
export function formFailure<Extra extends Record<string, unknown> = Record<never, never>>(failure: FormFailure, extra?: Extra) {
  return data(feedback(failure.errors, failure.values, extra), { status: 400 });
}

/** Réponse (400 par défaut) d'un formulaire à corriger, valeurs saisies gardées. */
export function rejectForm<Extra extends Record<string, unknown> = Record<never, never>>(
  form: FormData,
  errors: Record<string, string>,
  extra?: Extra,
  status = 400,
) {
  return data(feedback(errors, formValues(form), extra), { status });
}
